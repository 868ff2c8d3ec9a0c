import type { Command } from "commander";

/** `ops seed`: sample data. */
export function registerSeedCommand(program: Command): void {
  program.command("seed").description("build a realistic sample site");
}
