"use client";

import { useRouter } from "next/navigation";
import { useApiPost } from "./use-api-post";

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
  const { busy, error, post } = useApiPost();
  return (
    <span className="api-button">
      <button
        type="button"
        className={className}
        disabled={busy}
        onClick={async () => {
          if (confirmText && !window.confirm(confirmText)) return;
          if (!(await post(path, body)).ok) return;
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
