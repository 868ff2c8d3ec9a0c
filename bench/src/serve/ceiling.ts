import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { CapturedResponse } from "./capture.js";

/** The ceiling server, a child process of its own (so it and the load generator each get a core to compete for, like the real servers). */
export interface Ceiling {
  pid: number;
  url: string;
  add(key: string, response: CapturedResponse): Promise<void>;
  /** Answer every request with this captured response from now on. */
  use(key: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startCeiling(): Promise<Ceiling> {
  const child: ChildProcess = fork(fileURLToPath(new URL("./ceiling-server.ts", import.meta.url)), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the ceiling server exited (${code})`));
      child.once("exit", onExit);
      child.once("message", (m) => {
        child.off("exit", onExit);
        resolve(m as Record<string, unknown>);
      });
    });
  const { port } = await next();
  const ask = async (m: object) => {
    const reply = next();
    child.send(m);
    await reply;
  };
  return {
    pid: child.pid!,
    url: `http://127.0.0.1:${String(port)}`,
    add: (key, response) => ask({ add: key, response }),
    use: (key) => ask({ use: key }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.disconnect();
      await exited;
    },
  };
}
