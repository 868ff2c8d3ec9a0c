import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Where the seeded admin's password is kept: `<stateDir>/admin-password` (mode 0600). */
export function adminPasswordFile(stateDir: string): string {
  return path.join(stateDir, "admin-password");
}

/**
 * The seeded `admin` account's password: generated (144 random bits) on the first seed and kept
 * under .state/, never published. Later seeds of the same checkout reuse it.
 */
export function adminPassword(stateDir: string): string {
  const file = adminPasswordFile(stateDir);
  try {
    const kept = fs.readFileSync(file, "utf8").trim();
    if (kept.length >= 16) return kept;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const password = randomBytes(18).toString("base64url");
  fs.mkdirSync(stateDir, { recursive: true });
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** The line `npm start` prints in its summary: the admin's name and where its password is. */
export function adminPasswordSummary(stateDir: string): string {
  const file = adminPasswordFile(stateDir);
  if (!fs.existsSync(file)) return "";
  return `site admin: admin / ${fs.readFileSync(file, "utf8").trim()}   (kept in ${path.relative(process.cwd(), file) || file})`;
}
