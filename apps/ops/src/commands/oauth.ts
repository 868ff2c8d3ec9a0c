import type { Command } from "commander";

/** `ops oauth …`: script-app credentials. */
export function registerOauthCommands(program: Command): void {
  program.command("oauth").description("OAuth clients (script apps)");
}
