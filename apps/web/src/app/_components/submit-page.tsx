import Link from "next/link";
import { redirect } from "next/navigation";
import { communityNamesFor } from "@hivemind/domain";
import { appServices } from "../../server/services";
import { currentActor } from "../current-user";
import { SubmitForm } from "./submit-form";

/** The submit page, site-wide or for one community (pre-filled). */
export async function SubmitPage({ community, kind, from }: { community: string; kind: "link" | "self"; from: string }) {
  const actor = await currentActor();
  if (!actor) redirect(`/login?next=${encodeURIComponent(from)}`);
  const choices = await communityNamesFor((await appServices()).db, actor.userId);
  return (
    <div className="card form-card">
      <h1>Submit to {community ? <Link href={`/r/${community}`}>r/{community}</Link> : "hivemind"}</h1>
      <SubmitForm community={community} choices={choices} initialKind={kind} />
    </div>
  );
}
