import type { Command } from "commander";
import { z } from "zod";
import { fromZodError, isHivemindError, nameKey, usernameSchema } from "@hivemind/core";
import { newClientCredentials } from "@hivemind/accounts";
import { createDb, destroyDb, type Db } from "@hivemind/db";

/**
 * `ops oauth create-client --user NAME [--name APP] [--json]`: script-app
 * credentials for an existing account, the same as the /prefs/apps page
 * makes, through the same credential scheme (@hivemind/accounts). The secret is
 * printed once; only its hash is stored.
 */
export const createClientArgsSchema = z.object({
  user: usernameSchema,
  name: z.string().trim().min(1, "the app needs a name").max(100, "name is too long (max: 100)").default("script"),
  json: z.boolean().default(false),
});

export interface CreatedClient {
  client_id: string;
  client_secret: string;
  user: string;
  name: string;
}

export async function createOauthClient(db: Db, args: { user: string; name: string }): Promise<CreatedClient> {
  const user = await db.user.findUnique({ where: { nameLower: nameKey(args.user) } });
  if (!user) throw new Error(`no such user: ${args.user}`);
  const { clientId, secret, secretHash } = newClientCredentials();
  await db.oAuthClient.create({ data: { clientId, secretHash, userId: user.id, name: args.name } });
  return { client_id: clientId, client_secret: secret, user: user.name, name: args.name };
}

export function registerOauthCommands(program: Command): void {
  const oauth = program.command("oauth").description("OAuth clients (script apps)");
  oauth
    .command("create-client")
    .description("create script-app credentials (client id and secret) for a user")
    .requiredOption("--user <name>", "the account that owns the app (and may use the password grant)")
    .option("--name <app>", "a name for the app", "script")
    .option("--json", "print {client_id, client_secret, user} as JSON")
    .action(async (raw: unknown) => {
      const parsed = createClientArgsSchema.safeParse(raw);
      if (!parsed.success) {
        const err = fromZodError(parsed.error);
        program.error(`invalid --${err.field ?? "argument"}: ${err.message}`, { exitCode: 2 });
        return;
      }
      const db = createDb();
      try {
        const created = await createOauthClient(db, parsed.data);
        if (parsed.data.json) {
          process.stdout.write(`${JSON.stringify({ client_id: created.client_id, client_secret: created.client_secret, user: created.user })}\n`);
        } else {
          process.stdout.write(
            `created app "${created.name}" for ${created.user}\n  client_id:     ${created.client_id}\n  client_secret: ${created.client_secret}\n` +
              "The secret is shown only now; store it safely.\n",
          );
        }
      } catch (err) {
        process.exitCode = 1;
        process.stderr.write(`oauth create-client: ${isHivemindError(err) || err instanceof Error ? err.message : String(err)}\n`);
      } finally {
        await destroyDb(db);
      }
    });
}
