// `npm run bench -- <name> [args…]`: runs bench/src/<name>.ts with the rest of the arguments.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const names = fs
  .readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts")
  .map((f) => f.slice(0, -3))
  .sort();
const [name, ...rest] = process.argv.slice(2);
if (!name || !names.includes(name)) {
  console.error(`usage: npm run bench -- <name> [args]\nbenchmarks: ${names.join(", ")}`);
  process.exitCode = 2;
} else {
  const child = spawn(process.execPath, ["--import", "tsx", `${here}${name}.ts`, ...rest], { stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => (process.exitCode = code ?? (signal ? 1 : 0)));
}
