// A web process of its own for crash tests: serves the API against the
// database given as argv[2] and prints its URL as the first line of stdout.
import { createServices } from "../src/services.js";
import { serveApi } from "./harness.js";

const databaseUrl = process.argv[2];
if (!databaseUrl) throw new Error("usage: serve-api.ts DATABASE_URL");
const services = await createServices({ databaseUrl });
const server = await serveApi(services);
console.log(server.url);
