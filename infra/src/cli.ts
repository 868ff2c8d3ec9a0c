import { Command } from "commander";
import { ensureStackUp, stackDown, stackStatus, StackError, type ServiceStatus } from "./stack.js";

function printTable(rows: ServiceStatus[]): void {
  for (const r of rows) {
    console.log(
      [r.name.padEnd(10), r.state.padEnd(4), String(r.port).padEnd(6), `pid ${r.pid ?? "-"}`.padEnd(11), (r.version ?? "-").padEnd(8), r.url].join(" "),
    );
  }
}

const program = new Command()
  .name("stack")
  .description("Start, stop and inspect the local hivemind stack (Postgres, Redis ×3, ZooKeeper, Kafka, Cassandra)");

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
  .description("one line per service: name, state, port, pid, version, url")
  .option("--json", "a JSON array, one object per service")
  .action(async (o: { json?: boolean }) => {
    const rows = await stackStatus();
    if (o.json) console.log(JSON.stringify(rows, null, 2));
    else printTable(rows);
    if (rows.some((r) => r.state !== "up")) process.exitCode = 3;
  });

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof StackError || err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
