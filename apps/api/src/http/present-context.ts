import type { PresentContext } from "@hivemind/present";
import type { ApiRequest } from "./request.js";

/** What the presenters need of the request: the origin the client addressed (absolute `url` fields). */
export function presentContextOf(req: ApiRequest): PresentContext {
  return { origin: req.origin };
}
