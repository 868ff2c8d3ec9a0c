"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "./api-call";

export function SubscribeButton({ community, subscribed, loggedIn }: { community: string; subscribed: boolean; loggedIn: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        className={subscribed ? "subscribe secondary" : "subscribe"}
        aria-pressed={subscribed}
        disabled={busy}
        onClick={async () => {
          if (!loggedIn) {
            window.location.assign(`/login?next=${encodeURIComponent(`/r/${community}`)}`);
            return;
          }
          setBusy(true);
          setError(null);
          const res = await callApi("POST", "/api/subscribe", { action: subscribed ? "unsub" : "sub", sr_name: community });
          setBusy(false);
          if (!res.ok) setError(res.error?.message ?? "that did not work");
          else router.refresh();
        }}
      >
        {subscribed ? "unsubscribe" : "subscribe"}
      </button>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
