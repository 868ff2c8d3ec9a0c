import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

/** A fresh name per run (the database is fresh per run too, but reruns against a kept server must not collide). */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 2).toString(36)}`.slice(0, 20);
}

export interface SignedIn {
  context: BrowserContext;
  page: Page;
  name: string;
}

/** A new browser context (its own cookies) with a newly registered, logged-in account. */
export async function signUp(browser: Browser, prefix: string): Promise<SignedIn> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const name = uniqueName(prefix);
  await page.goto("/register");
  await page.getByLabel("username").fill(name);
  await page.getByLabel("password", { exact: true }).fill("correct horse battery");
  await page.getByLabel("password, again").fill("correct horse battery");
  await page.getByRole("button", { name: "sign up" }).click();
  await expect(page.getByText(`Welcome back, ${name}`)).toBeVisible();
  return { context, page, name };
}

/** Creates a community through the create page; ends on the community's page. */
export async function createCommunity(page: Page, name: string, opts: { title?: string; sidebar?: string } = {}): Promise<void> {
  await page.goto("/subreddits/create");
  await page.getByLabel("name").fill(name);
  if (opts.title) await page.getByLabel("title").fill(opts.title);
  if (opts.sidebar) await page.getByLabel("sidebar").fill(opts.sidebar);
  await page.getByRole("button", { name: "create community" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${name}$`));
  await expect(page.getByRole("heading", { name: `r/${name}`, level: 1 })).toBeVisible();
}

/** Submits a text post to `community` through its submit page; ends on the post page. */
export async function submitTextPost(page: Page, community: string, title: string, text: string): Promise<string> {
  await page.goto(`/r/${community}/submit`);
  await page.getByRole("tab", { name: "text" }).click();
  await page.getByLabel("title").fill(title);
  await page.getByLabel(/^text/).fill(text);
  await page.getByRole("button", { name: "submit" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${community}/comments/[0-9a-z]+/`));
  return page.url();
}

/** The post or comment row of a thing, by the text it shows. */
export function commentBody(page: Page, text: string) {
  return page.locator(".comment-body").filter({ hasText: text });
}

/** Writes a reply under the comment showing `parentText`. */
export async function replyTo(page: Page, parentText: string, text: string): Promise<void> {
  const body = commentBody(page, parentText);
  await body.getByRole("button", { name: "reply" }).click();
  await body.getByLabel("reply").fill(text);
  await body.getByRole("button", { name: "post comment" }).click();
  await expect(commentBody(page, text)).toBeVisible();
}

/** Screenshots for people to look at, next to the other e2e artifacts. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `../.state/screens/${name}.png`, fullPage: true });
}
