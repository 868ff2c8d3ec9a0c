#!/usr/bin/env -S npx tsx
import { Command } from "commander";
import { registerConfigCommands } from "./commands/config.js";
import { registerLagCommand, registerListingsCommands } from "./commands/listings.js";
import { registerHealthCommand } from "./commands/health.js";
import { registerOauthCommands } from "./commands/oauth.js";
import { registerRingCommands } from "./commands/ring.js";
import { registerSeedCommand } from "./commands/seed.js";
import { registerTallyCommands } from "./commands/tally.js";
import { registerUserCommands } from "./commands/users.js";

/** The ops CLI: `npm run ops -- <command>`. Each area registers its commands from its own file. */
const program = new Command("ops").description("hivemind operations").showHelpAfterError();
registerConfigCommands(program);
registerHealthCommand(program);
registerOauthCommands(program);
registerRingCommands(program);
registerListingsCommands(program);
registerLagCommand(program);
registerSeedCommand(program);
registerTallyCommands(program);
registerUserCommands(program);

await program.parseAsync(process.argv);
