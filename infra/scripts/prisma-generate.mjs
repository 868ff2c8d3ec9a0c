// Generates the Prisma client offline. `prisma generate` never runs the schema
// engine, but the CLI insists on locating one; any existing file satisfies it.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const schema = path.join(root, "prisma/schema.prisma");
if (!existsSync(schema)) {
  console.log("prisma: no schema yet, skipping generate");
  process.exit(0);
}
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
execFileSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "generate", "--schema", schema], {
  cwd: root,
  env,
  stdio: "inherit",
});
