import fs from "node:fs";
import { isAlive, readPid, sleep } from "./process.js";

/**
 * A cross-process lock file holding the owner's pid, so two launchers (say two
 * `npm test` runs) don't start the same servers twice. A dead owner's lock is taken over.
 */
export async function withLock<T>(file: string, fn: () => Promise<T>, timeoutMs = 600_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = readPid(file);
      if (owner === undefined || owner === process.pid || !isAlive(owner)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${file} held by pid ${owner}`);
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(file, { force: true });
  }
}
