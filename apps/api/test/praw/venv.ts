import { execFile, execFileSync } from "node:child_process";
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
export const postsScript = path.join(here, "posts.py");
export const moderationScript = path.join(here, "moderation.py");

export interface PrawAccount {
  name: string;
  password: string;
  clientId: string;
  secret: string;
}

/** An account's settings as hm.py's client(prefix) reads them: PREFIX_USER, PREFIX_PASSWORD, PREFIX_CLIENT_ID, PREFIX_CLIENT_SECRET. */
export function accountEnv(prefix: string, account: PrawAccount): Record<string, string> {
  return {
    [`${prefix}_USER`]: account.name,
    [`${prefix}_PASSWORD`]: account.password,
    [`${prefix}_CLIENT_ID`]: account.clientId,
    [`${prefix}_CLIENT_SECRET`]: account.secret,
  };
}

/** drive.py's environment: the site's URL, the community to create, its owner and a second account. */
export function driveEnv(url: string, subreddit: string, owner: PrawAccount, other: PrawAccount): NodeJS.ProcessEnv {
  return { ...process.env, HM_URL: url, HM_SUBREDDIT: subreddit, ...accountEnv("HM", owner), ...accountEnv("HM_OTHER", other) };
}

/**
 * Runs one of the PRAW scripts with `env` over this process's environment and returns the steps
 * it reported, in order; a failing script fails with everything it printed.
 */
export function runPraw(script: string, env: Record<string, string | undefined>, timeoutMs = 240_000): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(prawPython(), [script], { env: { ...process.env, ...env }, timeout: timeoutMs }, (err, out, errOut) => {
      if (err) reject(new Error(`PRAW script ${path.basename(script)} failed:\n${out}\n${errOut}`));
      else resolve(out.trim().split("\n").map((l) => (JSON.parse(l) as { step: string }).step));
    });
  });
}

/** The steps posts.py reports, in order. */
export const POSTS_STEPS = [
  "submit_self",
  "submit_link",
  "bad_url_refused",
  "flags",
  "reply",
  "edit",
  "fetch_tree_replace_more",
  "refresh",
  "info",
  "vote",
  "save_hide",
  "listing_new",
  "listing_hot",
  "listing_top_week",
  "listing_controversial_all",
  "listing_rising",
  "search_new",
  "front_hot",
  "redditor_submissions_new",
  "comment_sort_new",
  "redditor_comments_new",
  "redditor_overview_new",
  "domain_hot",
  "report",
  "delete",
  "not_found",
];

/** The steps moderation.py reports, in order. */
export const MODERATION_STEPS = ["settings", "setup", "submission_moderation", "comment_moderation", "ban", "unban", "moderators", "modqueue", "modlog"];
