"use client";

import { useState } from "react";
import { callApi } from "./api-call";
import { goToLogin, nextVote, type Dir } from "./vote-rule";

/**
 * Up/down arrows with the score between them. The score is the tally's (what the server rendered);
 * the viewer's own change shows at once and is replaced by the tally's figure on the next render.
 */
export function VoteArrows({
  fullname,
  score,
  vote,
  loggedIn,
  disabledReason,
  compact = false,
}: {
  fullname: string;
  score: number;
  vote: Dir;
  loggedIn: boolean;
  /** Set when voting is not possible (locked, removed); the arrows show but do nothing. */
  disabledReason?: string | null;
  compact?: boolean;
}) {
  const [seen, setSeen] = useState({ vote, score });
  const [local, setLocal] = useState<Dir>(vote);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // New props from the server (a refresh): start from them again.
  if (seen.vote !== vote || seen.score !== score) {
    setSeen({ vote, score });
    setLocal(vote);
  }
  const shown = score + (local - vote);
  const disabled = busy || Boolean(disabledReason);

  async function cast(dir: 1 | -1) {
    if (!loggedIn) return goToLogin();
    const next = nextVote(local, dir);
    const before = local;
    setLocal(next);
    setBusy(true);
    setError(null);
    const res = await callApi("POST", "/api/vote", { id: fullname, dir: String(next) });
    setBusy(false);
    if (!res.ok) {
      setLocal(before);
      setError(res.error?.message ?? "vote failed");
    }
  }

  const title = disabledReason ?? undefined;
  return (
    <div className={`votes${compact ? " compact" : ""}`} data-thing={fullname}>
      <button
        type="button"
        className={`arrow up${local === 1 ? " on" : ""}`}
        aria-label="upvote"
        aria-pressed={local === 1}
        disabled={disabled}
        title={title}
        onClick={() => cast(1)}
      >
        ▲
      </button>
      <span className={`score${local === 1 ? " liked" : local === -1 ? " disliked" : ""}`} data-testid="score" aria-label={`score ${shown}`}>
        {shown}
      </span>
      <button
        type="button"
        className={`arrow down${local === -1 ? " on" : ""}`}
        aria-label="downvote"
        aria-pressed={local === -1}
        disabled={disabled}
        title={title}
        onClick={() => cast(-1)}
      >
        ▼
      </button>
      {error ? (
        <span className="error small" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
