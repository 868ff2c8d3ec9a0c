import { SubmitPage } from "../_components/submit-page";
import { param, type SearchParams } from "../_lib/format";

export const metadata = { title: "submit · hivemind" };

export default async function Submit({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const sr = (param(sp.sr) ?? "").replace(/[^A-Za-z0-9_]/g, "").slice(0, 21);
  return <SubmitPage community={sr} kind={param(sp.selftext) === "true" ? "self" : "link"} from="/submit" />;
}
