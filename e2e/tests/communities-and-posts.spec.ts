import { expect, test } from "@playwright/test";
import { createCommunity, screenshot, signUp, submitTextPost, uniqueName } from "./helpers";

test("a user creates a community, submits a text and a link post, and sees them on the community and front pages", async ({ browser }) => {
  const { page, context } = await signUp(browser, "maker");
  const community = uniqueName("gardens");
  await createCommunity(page, community, { title: "Gardens and gardening", sidebar: "Be **kind**. See [the rules](https://example.com/rules)." });
  await expect(page.getByText("1 subscriber", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "unsubscribe" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator(".side-box .usertext strong")).toHaveText("kind");
  await expect(page.getByRole("link", { name: "mod log" }).first()).toBeVisible();

  // A refused field shows its message next to that field.
  await page.goto(`/r/${community}/submit`);
  await page.getByLabel("title").fill("a bad link");
  await page.getByLabel("url").fill("ftp://example.com/file");
  await page.getByRole("button", { name: "submit" }).click();
  await expect(page.locator("#url-error")).toBeVisible();
  await expect(page.getByLabel("url")).toHaveAttribute("aria-invalid", "true");
  await screenshot(page, "submit-error");

  await submitTextPost(page, community, "Tomatoes in a cold spring", "Start them **indoors**.\n\n- warm\n- light");
  await expect(page.locator(".entry > .usertext strong")).toHaveText("indoors");
  await expect(page.locator(".entry > .usertext li")).toHaveCount(2);

  await page.goto(`/submit?sr=${community}`);
  await page.getByLabel("title").fill("A seed library opens downtown");
  await page.getByLabel("url").fill("https://seeds.example.org/news/library");
  await page.getByRole("button", { name: "submit" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${community}/comments/`));

  await page.goto(`/r/${community}`);
  const rows = page.locator("article.thing.link");
  await expect(rows).toHaveCount(2);
  // Newest first.
  await expect(rows.nth(0).locator(".title-link")).toHaveText("A seed library opens downtown");
  await expect(rows.nth(0).locator(".title-link")).toHaveAttribute("href", "https://seeds.example.org/news/library");
  await expect(rows.nth(0).locator(".domain")).toHaveText("(seeds.example.org)");
  await expect(rows.nth(1).locator(".title-link")).toHaveText("Tomatoes in a cold spring");
  await expect(rows.nth(1).locator(".domain")).toContainText(`self.${community}`);
  await expect(rows.nth(1).getByRole("link", { name: "comment" })).toBeVisible();
  await screenshot(page, "community");

  await page.goto("/");
  await expect(page.getByRole("link", { name: "Tomatoes in a cold spring" })).toBeVisible();
  await expect(page.getByRole("link", { name: "A seed library opens downtown" })).toBeVisible();
  await expect(page.locator("article.thing.link").first().getByRole("link", { name: `r/${community}` })).toBeVisible();
  await screenshot(page, "front");

  await page.goto("/subreddits");
  await expect(page.locator(".sort-tabs .tab.on")).toHaveText("popular");
  await page.locator(".sort-tabs").getByRole("link", { name: "new" }).click();
  await expect(page).toHaveURL(/\/subreddits\/new$/);
  await expect(page.getByRole("link", { name: `r/${community}` })).toBeVisible();
  await screenshot(page, "subreddits");
  // Found by a word of its title.
  await page.getByLabel("find a community").fill("gardening");
  await page.getByRole("button", { name: "find" }).click();
  await expect(page).toHaveURL(/\/subreddits\/new\?q=gardening/);
  await expect(page.getByRole("link", { name: `r/${community}` })).toBeVisible();

  // Narrow screens: one column, the community box above the posts.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/r/${community}`);
  await expect(page.locator("article.thing.link")).toHaveCount(2);
  await screenshot(page, "community-mobile");
  await page.getByRole("link", { name: "Tomatoes in a cold spring" }).click();
  await expect(page.getByRole("button", { name: "post comment" })).toBeVisible();
  await screenshot(page, "post-mobile");
  await page.setViewportSize({ width: 1280, height: 720 });

  // Unknown things are 404 pages.
  for (const path of ["/r/no_such_place_zz", `/r/${community}/comments/zzzzzzzz/x/`, "/user/nobody_by_that_name"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  await screenshot(page, "not-found");
  await context.close();
});

test("a post marked nsfw at submit shows the mark; its author marks it a spoiler from the post page", async ({ browser }) => {
  const { page, context } = await signUp(browser, "marker");
  const community = uniqueName("marks");
  await createCommunity(page, community);
  await page.goto(`/r/${community}/submit`);
  await page.getByRole("tab", { name: "text" }).click();
  await page.getByLabel("title").fill("Not for the office");
  await page.getByLabel("nsfw").check();
  await page.getByRole("button", { name: "submit" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${community}/comments/[0-9a-z]+/`));
  const post = page.locator("article.thing.link").first();
  await expect(post.locator(".tag.nsfw")).toHaveText("nsfw");
  await expect(post.locator(".tag.spoiler")).toHaveCount(0);
  await post.getByRole("button", { name: "mark spoiler" }).click();
  await expect(post.locator(".tag.spoiler")).toHaveText("spoiler");
  await expect(post.getByRole("button", { name: "unmark spoiler" })).toBeVisible();
  await page.goto(`/r/${community}/new`);
  await expect(page.locator("article.thing.link").first().locator(".tag")).toHaveText(["nsfw", "spoiler"]);
  await screenshot(page, "post-marks");
  await context.close();
});
