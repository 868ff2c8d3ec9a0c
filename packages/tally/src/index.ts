export { applyVotes, recountComments, type VoteKey } from "./apply.js";
export { affectedBy, enqueueUpdateTriggers, type Affected } from "./triggers.js";
export { recountUncounted, type RecountOptions, type RecountProgress, type RecountResult } from "./recount.js";
