import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { config } from "@hivemind/config";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * A virtualenv with PRAW from PyPI, under the state directory, reinstalled
 * only when requirements.txt changes. Returns its python executable.
 */
export function prawPython(): string {
  const dir = path.join(config().stateDir, "venvs", "praw");
  const python = path.join(dir, "bin", "python");
  const requirements = path.join(here, "requirements.txt");
  const stamp = path.join(dir, ".requirements");
  const wanted = readFileSync(requirements, "utf8");
  if (existsSync(python) && existsSync(stamp) && readFileSync(stamp, "utf8") === wanted) return python;
  execFileSync("python3", ["-m", "venv", dir], { stdio: "inherit" });
  execFileSync(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements], { stdio: "inherit" });
  writeFileSync(stamp, wanted);
  return python;
}

export const driveScript = path.join(here, "drive.py");

export interface PrawAccount {
  name: string;
  password: string;
  clientId: string;
  secret: string;
}

/** drive.py's environment: the site's URL, the community to create, its owner and a second account. */
export function driveEnv(url: string, subreddit: string, owner: PrawAccount, other: PrawAccount): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HM_URL: url,
    HM_SUBREDDIT: subreddit,
    HM_USER: owner.name,
    HM_PASSWORD: owner.password,
    HM_CLIENT_ID: owner.clientId,
    HM_CLIENT_SECRET: owner.secret,
    HM_OTHER_USER: other.name,
    HM_OTHER_PASSWORD: other.password,
    HM_OTHER_CLIENT_ID: other.clientId,
    HM_OTHER_CLIENT_SECRET: other.secret,
  };
}
