// Prisma 7 configuration. The connection URL comes from the one config module
// (packages/config); `prisma generate` never connects, so it works offline.
// Schema changes are applied by the SQL migrations in prisma/migrations/ through
// `npm run db:migrate` (node-pg-migrate), not by Prisma Migrate.
import { defineConfig } from "prisma/config";
import { config } from "./packages/config/src/config.ts";

export default defineConfig({
  schema: "prisma/schema.prisma",
  datasource: { url: config().postgres.url },
});
