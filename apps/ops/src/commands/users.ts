import type { Command } from "commander";
import { z } from "zod";
import { fromZodError, isHivemindError, passwordSchema, usernameSchema } from "@hivemind/core";
import { createAccount } from "@hivemind/accounts";
import { createDeps } from "@hivemind/db";

/**
 * `ops users create NAME [--admin] [--json]`: an account made from the shell, for operators
 * (the API's register is rate-limited per address). The password is read from stdin (one line;
 * never an argument, which `ps` and shell history would show) and checked like the sign-up
 * form's; it is hashed (argon2id) by the same function register uses.
 */
export const createUserArgsSchema = z.object({
  name: usernameSchema,
  admin: z.boolean().default(false),
  json: z.boolean().default(false),
});

async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

export function registerUserCommands(program: Command): void {
  const users = program.command("users").description("accounts");
  users
    .command("create")
    .description("create an account; the password is read from stdin")
    .argument("<name>", "the user name")
    .option("--admin", "make the account a site admin")
    .option("--json", "print {name, id} as JSON")
    .action(async (name: string, opts: Record<string, unknown>) => {
      const parsed = createUserArgsSchema.safeParse({ ...opts, name });
      if (!parsed.success) {
        const err = fromZodError(parsed.error);
        program.error(`invalid ${err.field ?? "argument"}: ${err.message}`, { exitCode: 2 });
        return;
      }
      const password = passwordSchema.safeParse(await readPassword());
      if (!password.success) {
        program.error(`invalid password (from stdin): ${fromZodError(password.error).message}`, { exitCode: 2 });
        return;
      }
      const { config } = await import("@hivemind/config");
      const deps = await createDeps({ url: config().postgres.url, applicationName: "hivemind-ops" });
      try {
        const user = await createAccount(deps, { name: parsed.data.name, password: password.data, isAdmin: parsed.data.admin });
        if (parsed.data.json) process.stdout.write(`${JSON.stringify({ name: user.name, id: user.id.toString(36), admin: parsed.data.admin })}\n`);
        else process.stdout.write(`created user ${user.name}${parsed.data.admin ? " (site admin)" : ""}\n`);
      } catch (err) {
        process.exitCode = 1;
        process.stderr.write(`users create: ${isHivemindError(err) || err instanceof Error ? err.message : String(err)}\n`);
      } finally {
        await deps.destroy();
      }
    });
}
