import { timeAgo } from "./format";

/** TimeAgo as HTML, for rows rendered as strings (post-row-html.ts). */
export function timeAgoHtml(at: Date, now: number): string {
  return `<time datetime="${at.toISOString()}" title="${at.toUTCString()}">${timeAgo(at, now)}</time>`;
}

/** A relative time with the exact UTC time on hover. */
export function TimeAgo({ at, now }: { at: Date; now: number }) {
  return (
    <time dateTime={at.toISOString()} title={at.toUTCString()}>
      {timeAgo(at, now)}
    </time>
  );
}
