import cliProgress from "cli-progress";
import type { SeedProgress, SeedProgressListener } from "./progress.js";

/**
 * Renders seed() progress as one cli-progress bar per phase, with counts,
 * rate, and the rows generated so far when a phase loads several tables.
 */
export function progressBars(): { listener: SeedProgressListener; stop(): void } {
  let bar: cliProgress.SingleBar | undefined;
  let phase: string | undefined;
  let started = 0;

  const stop = (): void => {
    bar?.stop();
    bar = undefined;
  };
  const listener = (p: SeedProgress): void => {
    if (p.phase !== phase) {
      stop();
      phase = p.phase;
      started = performance.now();
      bar = new cliProgress.SingleBar(
        {
          format: "{phase} |{bar}| {value}/{total} {unit} | {rate}/s | {rows}",
          barsize: 30,
          hideCursor: true,
          clearOnComplete: false,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(p.total, 0, payload(p, started));
    }
    bar?.update(p.done, payload(p, started));
  };
  return { listener, stop };
}

function payload(p: SeedProgress, started: number): Record<string, string> {
  const seconds = Math.max(0.001, (performance.now() - started) / 1000);
  const rows = p.rows ? Object.entries(p.rows).map(([table, n]) => `${table} ${n.toLocaleString("en-US")}`).join(", ") : "";
  return { phase: p.phase.padEnd(11), unit: p.unit, rate: Math.round(p.done / seconds).toLocaleString("en-US"), rows };
}
