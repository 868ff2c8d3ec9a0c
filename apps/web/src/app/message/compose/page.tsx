import { redirect } from "next/navigation";
import { ComposeForm } from "../../_components/compose-form";
import { param, type SearchParams } from "../../_lib/format";
import { currentActor } from "../../current-user";

export const metadata = { title: "send a message · hivemind" };

/** /message/compose?to=NAME: write a private message. */
export default async function ComposePage({ searchParams }: { searchParams: SearchParams }) {
  const to = param((await searchParams).to) ?? "";
  if (!(await currentActor())) redirect(`/login?next=${encodeURIComponent(`/message/compose${to ? `?to=${encodeURIComponent(to)}` : ""}`)}`);
  return (
    <div className="card">
      <h1>send a private message</h1>
      <ComposeForm to={to} />
    </div>
  );
}
