import type { SeedResult } from "./run-seed.js";

/** The final report: rows per table, time per phase, and the known accounts. */
export function formatSeedSummary(result: SeedResult): string {
  if (result.skipped) return `seed: skipped, the database already has ${result.existingUsers ?? "some"} users (--if-empty)`;
  const lines: string[] = [`seed: ${result.size} site built from seed ${result.seed} in ${result.seconds.toFixed(1)} s`, ""];
  lines.push(
    table(
      ["table", "rows", "COPY s", "rows/s"],
      Object.entries(result.rows).map(([name, n]) => {
        const seconds = result.copySeconds[name as keyof SeedResult["copySeconds"]] ?? 0;
        return [name, n.toLocaleString("en-US"), seconds.toFixed(2), seconds > 0 ? Math.round(n / seconds).toLocaleString("en-US") : "-"];
      }),
    ),
  );
  lines.push("");
  lines.push(table(["phase", "seconds"], result.phases.map((p) => [p.phase, p.seconds.toFixed(2)])));
  lines.push("");
  lines.push(table(["account", "password", "role"], result.knownAccounts.map((a) => [a.name, a.password, a.role])));
  lines.push("", "Listings are not fed by events for seeded data: rebuild them from Postgres (`npm run ops -- rebuild`).");
  return lines.join("\n");
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const isNumber = (c: string): boolean => /^[\d,.]+$/.test(c);
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (isNumber(c) || c === "-" ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
