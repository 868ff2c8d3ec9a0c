import { SubmitPage } from "../../../_components/submit-page";
import { communityOr404 } from "../../../_lib/community";
import { param, type SearchParams } from "../../../_lib/format";

export const metadata = { title: "submit · hivemind" };

export default async function CommunitySubmit({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: SearchParams }) {
  const [{ name }, sp] = await Promise.all([params, searchParams]);
  const community = await communityOr404(name);
  return <SubmitPage community={community.name} kind={param(sp.selftext) === "true" ? "self" : "link"} from={`/r/${community.name}/submit`} />;
}
