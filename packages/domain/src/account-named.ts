import { ValidationError, nameKey } from "@hivemind/core";
import type { Reader } from "./things.js";

/** The account named as reddit's forms take it (`name`, `u/name`, `/u/name`), or USER_DOESNT_EXIST naming `field`. */
export async function accountNamed(db: Reader, raw: string, field: string): Promise<{ id: bigint; name: string }> {
  const name = raw.trim().replace(/^\/?u(ser)?\//i, "");
  const user = name === "" ? null : await db.user.findUnique({ where: { nameLower: nameKey(name) }, select: { id: true, name: true } });
  if (!user) throw new ValidationError("that user doesn't exist", { code: "USER_DOESNT_EXIST", field });
  return user;
}
