import { expect, test } from "@playwright/test";
import { uniqueName } from "./helpers";

/**
 * After logging in, `next` is followed only when it resolves to this origin. Browsers read
 * `/\evil.example` and `/<TAB>/evil.example` as protocol-relative URLs of another host, so they
 * were open redirects.
 */
const HOSTILE = ["/%5Cevil.example", "/%09/evil.example", "//evil.example", "/%5C%5Cevil.example/x", "https://evil.example/"];

test("a user who logs in from /login?next=… is never sent to another origin, and a same-origin next is followed", async ({ page, baseURL }) => {
  const name = uniqueName("redir");
  // An account to log in with (through the public port, as the browser would).
  const reg = await page.request.post("/api/register", { form: { api_type: "json", user: name, passwd: "correct horse battery" }, headers: { origin: new URL(baseURL!).origin } });
  expect(reg.status()).toBe(200);
  await page.context().clearCookies();
  const requested: string[] = [];
  page.on("request", (r) => requested.push(new URL(r.url()).host));

  for (const next of HOSTILE) {
    await page.goto(`/login?next=${next}`);
    await page.getByLabel("username").fill(name);
    await page.getByLabel("password").fill("correct horse battery");
    await page.getByRole("button", { name: "log in" }).click();
    await expect(page.getByText(`Welcome back, ${name}`)).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    expect(new URL(page.url()).pathname).toBe("/");
    await page.context().clearCookies();
  }
  expect(requested.filter((h) => h.includes("evil.example"))).toEqual([]);

  await page.goto("/login?next=/subreddits");
  await page.getByLabel("username").fill(name);
  await page.getByLabel("password").fill("correct horse battery");
  await page.getByRole("button", { name: "log in" }).click();
  await expect(page).toHaveURL(/\/subreddits$/);
  // End on a page that has finished loading: closing the context while chromium is still
  // navigating once hung its teardown past the test timeout.
  await expect(page.getByRole("heading", { name: "Communities" })).toBeVisible();
  await page.waitForLoadState("load");
});
