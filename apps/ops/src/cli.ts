#!/usr/bin/env -S npx tsx
import { Command } from "commander";
import { registerOauthCommands } from "./commands/oauth.js";
import { registerSeedCommand } from "./commands/seed.js";

/** The ops CLI: `npm run ops -- <command>`. Each area registers its commands from its own file. */
const program = new Command("ops").description("hivemind operations").showHelpAfterError();
registerOauthCommands(program);
registerSeedCommand(program);

await program.parseAsync(process.argv);
