"use client";

import { useState } from "react";
import { ReplyForm } from "./usertext-form";

/** "reply" under a message: opens the reply box, which sends through /api/comment (reddit's way for a t4). */
export function InboxReply({ parent }: { parent: string }) {
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  return (
    <div className="thing-buttons">
      <ul className="buttons">
        <li>
          <button type="button" className="link" aria-pressed={open} onClick={() => setOpen((o) => !o)}>
            reply
          </button>
        </li>
      </ul>
      {sent ? (
        <p className="ok" role="status">
          Sent.
        </p>
      ) : null}
      {open ? (
        <ReplyForm
          parent={parent}
          label="reply to the message"
          submitLabel="send"
          // The answer goes to the sent box; a refresh of the unread view would only take this message (and the "Sent.") away.
          refresh={false}
          onDone={() => {
            setOpen(false);
            setSent(true);
          }}
          onCancel={() => setOpen(false)}
        />
      ) : null}
    </div>
  );
}
