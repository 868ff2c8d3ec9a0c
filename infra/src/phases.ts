/** Named, timed phases for the start/test scripts, with a summary table at the end. */
export class Phases {
  private readonly done: { name: string; ms: number; ok: boolean }[] = [];
  private readonly t0 = Date.now();

  async run<T>(name: string, fn: () => Promise<T>): Promise<T> {
    console.log(`\n▶ ${name}`);
    const t = Date.now();
    try {
      const v = await fn();
      this.done.push({ name, ms: Date.now() - t, ok: true });
      return v;
    } catch (err) {
      this.done.push({ name, ms: Date.now() - t, ok: false });
      throw err;
    }
  }

  summary(): string {
    const rows = this.done.map((p) => `  ${p.ok ? "✓" : "✗"} ${p.name.padEnd(20)} ${(p.ms / 1000).toFixed(1).padStart(7)} s`);
    rows.push(`    ${"total".padEnd(20)} ${((Date.now() - this.t0) / 1000).toFixed(1).padStart(7)} s`);
    return `\nphase timings:\n${rows.join("\n")}`;
  }
}
