/** How long the front tier (nginx) keeps an idle upstream connection to an app instance. */
export const UPSTREAM_KEEPALIVE_SECONDS = 60;

/**
 * App servers (API and pages) keep idle connections open longer than the front tier keeps its
 * upstream ones, so nginx, not the app, closes an idle one: a request is never sent down a socket
 * the app is closing.
 */
export const APP_KEEP_ALIVE_TIMEOUT_MS = 75_000;
