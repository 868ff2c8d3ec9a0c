export * from "./accounts.js";
export * from "./client-credentials.js";
export * from "./login-limiter.js";
export * from "./oauth.js";
export * from "./passwords.js";
export * from "./session-user.js";
export * from "./sessions.js";
export * from "./tokens.js";
