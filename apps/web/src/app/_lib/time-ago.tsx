import { timeAgo } from "./format";

/** A relative time with the exact UTC time on hover. */
export function TimeAgo({ at, now }: { at: Date; now: number }) {
  return (
    <time dateTime={at.toISOString()} title={at.toUTCString()}>
      {timeAgo(at, now)}
    </time>
  );
}
