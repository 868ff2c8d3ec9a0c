export { createApiServer, canonicalUrl, type ApiServerOptions } from "./server.js";
export { createServices, type AppServices, type CreateServicesOptions } from "./services.js";
