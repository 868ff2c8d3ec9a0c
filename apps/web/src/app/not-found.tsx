import Link from "next/link";

export default function NotFound() {
  return (
    <div className="card narrow not-found">
      <h1>Page not found</h1>
      <p>There&apos;s nothing here: the community, post or user may not exist, or the link is wrong.</p>
      <p>
        <Link href="/">Go to the front page</Link> · <Link href="/subreddits">browse communities</Link>
      </p>
    </div>
  );
}
