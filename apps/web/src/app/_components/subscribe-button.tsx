"use client";

import { useRouter } from "next/navigation";
import { useApiPost } from "./use-api-post";
import { FormError } from "./form-error";

export function SubscribeButton({ community, subscribed, loggedIn }: { community: string; subscribed: boolean; loggedIn: boolean }) {
  const router = useRouter();
  const { busy, error, post } = useApiPost();
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
          const res = await post("/api/subscribe", { action: subscribed ? "unsub" : "sub", sr_name: community });
          if (res.ok) router.refresh();
        }}
      >
        {subscribed ? "unsubscribe" : "subscribe"}
      </button>
      <FormError message={error} />
    </div>
  );
}
