"use client";

import { useState } from "react";
import { callApi } from "./api-call";

export function LogoutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="link"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await callApi("POST", "/api/logout");
        window.location.assign("/");
      }}
    >
      log out
    </button>
  );
}
