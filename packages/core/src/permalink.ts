/** reddit's title_to_url: lowercase words joined by "_", at most 50 characters, "_" if empty. */
export function slugOf(title: string): string {
  let slug = slugMemo.get(title);
  if (slug === undefined) {
    slug = computeSlug(title);
    if (slugMemo.size >= SLUG_MEMO_ENTRIES) slugMemo.delete(slugMemo.keys().next().value as string);
    slugMemo.set(title, slug);
  }
  return slug;
}

/** Every listing row builds a permalink: the busy titles' slugs are kept (oldest written out first). */
const SLUG_MEMO_ENTRIES = 5000;
const slugMemo = new Map<string, string>();

function computeSlug(title: string): string {
  let slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (slug.length > 50) {
    slug = slug.slice(0, 50);
    const cut = slug.lastIndexOf("_");
    if (cut > 0) slug = slug.slice(0, cut);
  }
  return slug === "" ? "_" : slug;
}

/** `/r/S/comments/ID/slug/` (and `CID/` after it for a comment). */
export function permalinkOf(community: string, postId36: string, title: string, commentId36?: string): string {
  const base = `/r/${community}/comments/${postId36}/${slugOf(title)}/`;
  return commentId36 === undefined ? base : `${base}${commentId36}/`;
}
