export * from "./errors.js";
export * from "./ids.js";
export * from "./fullname.js";
export * from "./ranking.js";
export * from "./listing-keys.js";
export * from "./events.js";
export * from "./schemas/index.js";
export * from "./live-config.js";
