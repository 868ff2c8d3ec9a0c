import { expect, test } from "@playwright/test";

test("a newcomer signs up, creates a script app and logs back in", async ({ page }) => {
  const name = `e2e_${Date.now().toString(36)}`;
  await page.goto("/register");
  await page.getByLabel("username").fill(name);
  await page.getByLabel("password", { exact: true }).fill("correct horse battery");
  await page.getByLabel("password, again").fill("correct horse battery");
  await page.getByRole("button", { name: "sign up" }).click();
  await expect(page.getByText(`Welcome back, ${name}`)).toBeVisible();

  const cookie = (await page.context().cookies()).find((c) => c.name === "hm_session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");

  await page.goto("/prefs/apps");
  await page.getByLabel("name").fill("my script");
  await page.getByRole("button", { name: "create app" }).click();
  await expect(page.getByText(/secret/i).first()).toBeVisible();
  await page.screenshot({ path: "../.state/e2e-results/prefs-apps.png", fullPage: true });

  await page.getByRole("button", { name: /log ?out/i }).click();
  // Logging out navigates home; wait for it, or the next goto races it.
  await expect(page.getByRole("link", { name: "log in", exact: true })).toBeVisible();
  await page.goto("/login");
  await page.getByLabel("username").fill(name);
  await page.getByLabel("password").fill("wrong password");
  await page.getByRole("button", { name: "log in" }).click();
  await expect(page.locator("form [role=alert]")).toBeVisible();
  await page.getByLabel("password").fill("correct horse battery");
  await page.getByRole("button", { name: "log in" }).click();
  await expect(page.getByText(`Welcome back, ${name}`)).toBeVisible();
});
