import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { ServiceConfig } from "@hivemind/config";
import { isRoot, run } from "../process.js";
import { mkdirp, pidFromFile, serviceFiles, type Service } from "./service.js";

const BIN = "/usr/lib/postgresql/15/bin";
const SUPERUSER = "postgres";

/**
 * PostgreSQL 15 from the Debian package. Postgres refuses to run as root, so as
 * root initdb/pg_ctl run as the `postgres` OS user, which owns the data dir.
 */
export function postgresService(cfg: ServiceConfig): Service {
  const f = serviceFiles(cfg, "postgres");
  const dataDir = path.join(f.dir, "data");
  const socketDir = path.join(f.dir, "run");
  const pidFile = path.join(dataDir, "postmaster.pid");
  const pgc = cfg.postgres;

  const asPostgres = (cmd: string, args: string[]) =>
    isRoot() ? run("runuser", ["-u", "postgres", "--", cmd, ...args]) : run(cmd, args);

  const ownSocket = () => fs.existsSync(path.join(socketDir, `.s.PGSQL.${pgc.port}`));
  const superClient = () =>
    new pg.Client({ host: socketDir, port: pgc.port, user: SUPERUSER, database: "postgres" });
  /** Our server: superuser over its socket; a server we didn't start (compose): the app's URL. */
  const probeClient = () => (ownSocket() ? superClient() : new pg.Client({ connectionString: pgc.url }));

  return {
    name: "postgres",
    port: pgc.port,
    url: pgc.url,
    dir: f.dir,
    logFile: f.logFile,
    debPackages: [{ pkg: "postgresql-15", probe: `${BIN}/postgres` }],
    startTimeoutMs: 60_000,
    // SIGINT is Postgres's "fast" shutdown: it does not wait for clients to leave.
    stopSignal: "SIGINT",
    pid: () => pidFromFile(pidFile, dataDir),
    async start() {
      mkdirp(socketDir);
      if (isRoot()) {
        // The postgres user must reach its dir through the state dir's parents.
        await run("chown", ["-R", "postgres:postgres", f.dir]);
      }
      if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
        await asPostgres(`${BIN}/initdb`, [
          "-D", dataDir, "-U", SUPERUSER, "-E", "UTF8", "--locale=C.UTF-8",
          "--auth-local=trust", "--auth-host=scram-sha-256",
        ]);
      }
      fs.rmSync(path.join(dataDir, "postmaster.pid"), { force: true }); // stale after a crash; pid() said not running
      const opts = [
        `-p ${pgc.port}`,
        `-c listen_addresses=${pgc.host}`,
        `-c unix_socket_directories=${socketDir}`,
        "-c shared_buffers=64MB",
        "-c max_connections=200",
        "-c logging_collector=off",
      ].join(" ");
      // pg_ctl detaches the postmaster into its own session and waits until it accepts connections.
      await asPostgres(`${BIN}/pg_ctl`, ["start", "-D", dataDir, "-l", f.logFile, "-w", "-t", "60", "-o", opts]);
      const pid = pidFromFile(pidFile, dataDir);
      if (pid === undefined) throw new Error("postmaster.pid not found after pg_ctl start");
      return pid;
    },
    async setup() {
      if (!ownSocket()) return; // not ours: its role and database are its own business
      const c = superClient();
      await c.connect();
      try {
        const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
        const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
        const role = await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [pgc.user]);
        const verb = role.rowCount ? "ALTER" : "CREATE";
        await c.query(`${verb} ROLE ${ident(pgc.user)} LOGIN CREATEDB PASSWORD ${lit(pgc.password)}`);
        // Test databases are dropped WITH (FORCE); that may need to end sessions of other roles.
        await c.query(`GRANT pg_signal_backend TO ${ident(pgc.user)}`);
        const db = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [pgc.database]);
        if (!db.rowCount) await c.query(`CREATE DATABASE ${ident(pgc.database)} OWNER ${ident(pgc.user)}`);
      } finally {
        await c.end();
      }
      const app = new pg.Client({ connectionString: pgc.url }); // the app's own login works
      await app.connect();
      await app.query("SELECT 1").finally(() => app.end());
    },
    async probe() {
      const c = probeClient();
      c.on("error", () => undefined);
      await c.connect();
      try {
        const r = await c.query<{ server_version: string }>("SHOW server_version");
        return r.rows[0]?.server_version.split(" ")[0] ?? "?";
      } finally {
        await c.end();
      }
    },
  };
}
