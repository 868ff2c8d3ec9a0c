import type { ListingJson, PublicClient } from "./client.js";
import type { ProbePair } from "./setup.js";

/**
 * One probe pair: a community of its own holding two posts, P and R, created in that order, so
 * on equal scores R is ahead (hot breaks the tie by age). Only probe votes touch them, so their
 * scores are known exactly. Each probe is one upvote from a voter who has not voted on that post
 * yet, on whichever post is behind (P when the scores are equal, else R): the voted post's score
 * becomes a value it never had, and the order flips. A probe is visible when the community's hot
 * listing (public port, anonymous) shows that score for the post and the order it implies.
 */
export class ProbeState {
  scoreP = 1;
  scoreR = 1;
  votesP = 0;
  votesR = 0;
  busy = false;
  /** A probe vote got no 200: its outcome is unknown, so the pair is not probed again. */
  broken = false;

  constructor(readonly pair: ProbePair, readonly index: number) {}

  /** The next probe: which post, and what it must show. P ahead of R exactly when P's score is higher. */
  next(): { fullname: string; onP: boolean; score: number; pFirst: boolean } {
    const onP = this.scoreP <= this.scoreR;
    const score = (onP ? this.scoreP : this.scoreR) + 1;
    const [p, r] = onP ? [score, this.scoreR] : [this.scoreP, score];
    return { fullname: onP ? this.pair.p : this.pair.r, onP, score, pFirst: p > r };
  }

  committed(onP: boolean, score: number): void {
    if (onP) {
      this.scoreP = score;
      this.votesP++;
    } else {
      this.scoreR = score;
      this.votesR++;
    }
  }
}

export interface ProbeResult {
  pair: number;
  /** ms from the vote's 200 to the first listing read that showed the order, the score, both (null: not within the wait). */
  orderMs: number | null;
  scoreMs: number | null;
  bothMs: number | null;
  /** Listing reads this probe made, and the X-Hivemind-Listing-Source values they saw. */
  reads: number;
  sources: Record<string, number>;
  /** What the post showed at the end of the wait when its score never appeared. */
  shownScore: number | null;
}

export interface PollOptions {
  pollMs: number;
  /** Give up on the order after this long, on the score this long after the order showed. */
  orderWaitMs: number;
  scoreWaitMs: number;
}

/** Polls the pair's hot listing from `committedAt` until the probe's score and order show (or the waits run out). */
export async function pollProbe(
  client: PublicClient,
  state: ProbeState,
  probe: { fullname: string; score: number; pFirst: boolean },
  committedAt: number,
  opts: PollOptions,
): Promise<ProbeResult> {
  const path = `/r/${state.pair.community}/hot.json?limit=10`;
  const out: ProbeResult = { pair: state.index, orderMs: null, scoreMs: null, bothMs: null, reads: 0, sources: {}, shownScore: null };
  for (;;) {
    const res = await client.getJson<ListingJson>(path).catch(() => null);
    const at = performance.now() - committedAt;
    out.reads++;
    if (res) out.sources[res.source] = (out.sources[res.source] ?? 0) + 1;
    const items = res?.body?.data.children.map((c) => c.data) ?? [];
    const ip = items.findIndex((d) => d.name === state.pair.p);
    const ir = items.findIndex((d) => d.name === state.pair.r);
    const shown = items.find((d) => d.name === probe.fullname);
    const orderOk = ip >= 0 && ir >= 0 && ip < ir === probe.pFirst;
    const scoreOk = shown?.score === probe.score;
    if (orderOk && out.orderMs === null) out.orderMs = Math.round(at);
    if (scoreOk && out.scoreMs === null) out.scoreMs = Math.round(at);
    if (orderOk && scoreOk && out.bothMs === null) out.bothMs = Math.round(at);
    if (out.bothMs !== null) return out;
    out.shownScore = shown?.score ?? null;
    if (out.orderMs === null ? at > opts.orderWaitMs : at > out.orderMs + opts.scoreWaitMs) return out;
    await new Promise((r) => setTimeout(r, opts.pollMs));
  }
}
