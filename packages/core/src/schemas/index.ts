export * from "./coded.js";
export * from "./names.js";
export * from "./content.js";
export * from "./moderation.js";
export * from "./params.js";
export * from "./search.js";
