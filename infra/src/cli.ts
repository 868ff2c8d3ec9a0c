import { Command } from "commander";
import { config } from "@hivemind/config";
import { siteStatus, type AppStatus } from "./site.js";
import { ensureStackUp, stackDown, stackStatus, StackError, type ServiceStatus } from "./stack.js";

function printTable(rows: ServiceStatus[]): void {
  for (const r of rows) {
    console.log(
      [r.name.padEnd(10), r.state.padEnd(4), String(r.port).padEnd(6), `pid ${r.pid ?? "-"}`.padEnd(11), (r.version ?? "-").padEnd(8), r.url].join(" "),
    );
  }
}

function printApps(rows: AppStatus[]): void {
  if (rows.length === 0) {
    console.log("\nno site running (npm start runs one)");
    return;
  }
  for (const site of [...new Set(rows.map((r) => r.site))]) {
    console.log(`\nsite ${site}:`);
    for (const r of rows.filter((x) => x.site === site)) {
      const restarts = r.restarts > 0 ? `restarted ${r.restarts}x` : "";
      console.log(
        [`  ${r.name}`.padEnd(10), r.state.padEnd(4), String(r.port ?? "-").padEnd(6), `pid ${r.pid ?? "-"}`.padEnd(11), r.role.padEnd(8), r.url ?? "", restarts].join(" ").trimEnd(),
      );
    }
  }
}

const program = new Command()
  .name("stack")
  .description("Start, stop and inspect the local hivemind stack (Postgres, Redis ×3, ZooKeeper, Kafka, Cassandra, nginx) and list the running sites' app instances");

program
  .command("up")
  .description("install what is missing, start what is not running, wait until healthy")
  .option("-q, --quiet", "no progress lines")
  .action(async (o: { quiet?: boolean }) => {
    await ensureStackUp({ quiet: o.quiet ?? false });
  });

program
  .command("down")
  .argument("[services...]", "only these (e.g. kafka redis-1); default all")
  .description("stop every service, or the named ones (SIGTERM, wait, SIGKILL)")
  .action(async (services: string[]) => {
    await stackDown(services.length > 0 ? { only: services } : {});
  });

program
  .command("status")
  .description("one line per service (name, state, port, pid, version, url), then one per app instance of each running site")
  .option("--json", "{ services: [...], apps: [...] }")
  .action(async (o: { json?: boolean }) => {
    const cfg = config();
    const [rows, apps] = await Promise.all([stackStatus({ cfg }), siteStatus(cfg)]);
    if (o.json) console.log(JSON.stringify({ services: rows, apps }, null, 2));
    else {
      printTable(rows);
      printApps(apps);
    }
    if (rows.some((r) => r.state !== "up") || apps.some((r) => r.state !== "up")) process.exitCode = 3;
  });

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof StackError || err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
