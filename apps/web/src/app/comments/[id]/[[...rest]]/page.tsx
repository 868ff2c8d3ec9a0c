import { notFound, redirect } from "next/navigation";
import { fromBase36, toBase36, permalinkOf } from "@hivemind/core";
import { appServices } from "../../../../server/services";

/** reddit's short /comments/ID link: to the post's own page. */
export default async function ShortLink({ params }: { params: Promise<{ id: string; rest?: string[] }> }) {
  const { id, rest = [] } = await params;
  let postId: bigint;
  try {
    postId = fromBase36(id);
  } catch {
    notFound();
  }
  const post = await (await appServices()).db.post.findUnique({ where: { id: postId }, select: { id: true, title: true, community: { select: { name: true } } } });
  if (!post) notFound();
  const comment = rest[1];
  redirect(permalinkOf(post.community.name, toBase36(post.id), post.title, comment && /^[0-9a-z]+$/.test(comment) ? comment : undefined));
}
