"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "./api-call";

/** One API write on click, then a refresh of the page's server data (or a navigation). */
export function ApiButton({
  path,
  body,
  label,
  confirmText,
  className,
  then,
}: {
  path: string;
  body: Record<string, string>;
  label: string;
  confirmText?: string;
  className?: string;
  /** Where to go afterwards; default: stay and refresh. */
  then?: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="api-button">
      <button
        type="button"
        className={className}
        disabled={busy}
        onClick={async () => {
          if (confirmText && !window.confirm(confirmText)) return;
          setBusy(true);
          setError(null);
          const res = await callApi("POST", path, body);
          setBusy(false);
          if (!res.ok) {
            setError(res.error?.message ?? "that did not work");
            return;
          }
          if (then) router.push(then);
          router.refresh();
        }}
      >
        {label}
      </button>
      {error ? (
        <span className="error small" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
