export { createApiServer, canonicalUrl, KEEP_ALIVE_TIMEOUT_MS, type ApiServerOptions } from "./server.js";
export { createServices, type AppServices, type CreateServicesOptions } from "./services.js";
