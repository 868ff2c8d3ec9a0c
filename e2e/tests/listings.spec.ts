import { expect, test, type Page } from "@playwright/test";
import { createDb, enqueueEvents, newEvent } from "@hivemind/db";
import { formatFullname, minIdForTime, toBase36 } from "@hivemind/core";
import { createCommunity, screenshot, signUp, submitTextPost, type SignedIn } from "./helpers";

/**
 * Listing pages read through the precomputed pipeline: sort tabs, the time filter, after/before
 * paging and the comment sort, each plain links, so all of it works with JavaScript off.
 */

const DAY = 86_400_000;
// One world for the file: a failure skips the rest instead of building it again.
test.describe.configure({ mode: "serial" });
let owner: SignedIn;
let voters: SignedIn[];
let community: string;
let postUrl: string;

/** Titles of the listing's posts, in order. */
function titles(page: Page) {
  return page.locator(".listing .site-table .title-link").allInnerTexts();
}

async function upvote(page: Page, url: string, rowText: string) {
  await page.goto(url);
  const row = page.locator(".thing, .comment-body").filter({ hasText: rowText }).first();
  await row.getByRole("button", { name: "upvote" }).first().click();
  await expect(row.getByRole("button", { name: "upvote" }).first()).toHaveAttribute("aria-pressed", "true");
}

/** A post three days old, written as the API writes one (row and thing.created in one transaction), so the consumers list it. */
async function insertOldPost(title: string): Promise<void> {
  const db = createDb({ url: process.env.E2E_DATABASE_URL ?? "", applicationName: "e2e-listings", max: 1 });
  try {
    const c = await db.community.findUniqueOrThrow({ where: { nameLower: community.toLowerCase() } });
    const author = await db.user.findUniqueOrThrow({ where: { nameLower: owner.name.toLowerCase() } });
    const created = Date.now() - 3 * DAY;
    const id = minIdForTime(created) + BigInt(Math.floor(Math.random() * 4_000_000));
    await db.$transaction(async (tx) => {
      await tx.post.create({ data: { id, communityId: c.id, authorId: author.id, title, kind: "self", url: null, domain: `self.${c.name}`, body: "", ups: 9, downs: 0, createdAt: new Date(created) } });
      const fullname = formatFullname("t3", id);
      await enqueueEvents(tx, [newEvent("thing.created", { thing: fullname, post: fullname, parent: null, community: toBase36(c.id), author: toBase36(author.id), created, domain: null }, Date.now())]);
    });
  } finally {
    await db.$disconnect();
  }
}

/** Reloads until the listing at `url` shows `want` (the consumers take a moment). */
async function expectTitles(page: Page, url: string, want: (t: string[]) => boolean) {
  await expect(async () => {
    await page.goto(url);
    expect(want(await titles(page)), (await titles(page)).join(" | ")).toBe(true);
  }).toPass({ timeout: 15_000 });
}

test.beforeAll(async ({ browser }) => {
  owner = await signUp(browser, "lister");
  community = `sorts${Date.now().toString(36).slice(-6)}`;
  await createCommunity(owner.page, community);
  for (const t of ["first post", "second post", "third post"]) postUrl = await submitTextPost(owner.page, community, t, `${t} body`);
  await insertOldPost("old classic");
  voters = [await signUp(browser, "voter_a"), await signUp(browser, "voter_b")];
  // Two upvotes lift the first post above the newer ones in hot.
  for (const v of voters) await upvote(v.page, `/r/${community}/new`, "first post");
});

test.afterAll(async () => {
  for (const s of [owner, ...(voters ?? [])]) await s?.context.close();
});

test("the sort tabs switch the order: hot, new, top", async () => {
  const page = owner.page;
  await expectTitles(page, `/r/${community}`, (t) => t[0] === "old classic" || t[0] === "first post");
  const hot = await titles(page);
  await expect(page.locator(".sort-tabs .tab.on")).toHaveText("hot");
  await screenshot(page, "listing-hot");
  await page.locator(".sort-tabs").getByRole("link", { name: "new" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${community}/new$`));
  const newest = await titles(page);
  expect(newest.slice(0, 3)).toEqual(["third post", "second post", "first post"]);
  expect(newest).not.toEqual(hot);
  await page.locator(".sort-tabs").getByRole("link", { name: "top" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${community}/top`));
  await expectTitles(page, `/r/${community}/top?t=all`, (t) => t[0] === "old classic" && t[1] === "first post");
});

test("a page carries its rows once; after a tab and the back button they are there and live", async () => {
  const page = owner.page;
  // The rows' HTML inside the inlined RSC payload would show as escaped attributes.
  const doc = await page.request.get(`/r/${community}`, { headers: { accept: "text/html" } });
  const html = await doc.text();
  expect(html).toContain('data-fullname="t3_');
  expect(html).not.toContain('data-fullname=\\"t3_');
  // A client navigation has no HTML render: its payload (not inlined, so not escaped) carries the rows.
  const flight = await page.request.get(`/r/${community}`, { headers: { rsc: "1" } });
  expect(await flight.text()).toContain('data-fullname="t3_');

  await expectTitles(page, `/r/${community}`, (t) => t.length >= 4);
  const hot = await titles(page);
  await page.locator(".sort-tabs").getByRole("link", { name: "new" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${community}/new$`));
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/r/${community}$`));
  expect(await titles(page)).toEqual(hot);
  const row = page.locator(".thing.link", { hasText: "second post" });
  // The author's own upvote is on from the submit; the arrow takes it back and gives it again.
  const up = row.locator(".arrow.up");
  await expect(up).toHaveClass(/\bon\b/);
  await up.click();
  await expect(up).not.toHaveClass(/\bon\b/);
  await up.click();
  await expect(up).toHaveClass(/\bon\b/);
});

test("the time filter changes the set of top and controversial", async () => {
  const page = owner.page;
  await expectTitles(page, `/r/${community}/top?t=all`, (t) => t.includes("old classic"));
  await page.locator(".time-filter").getByRole("link", { name: "past hour" }).click();
  await expect(page).toHaveURL(/t=hour/);
  const hour = await titles(page);
  expect(hour).not.toContain("old classic");
  expect(hour).toContain("first post");
  await expect(page.locator(".time-filter a.on")).toHaveText("past hour");
  await screenshot(page, "listing-top-hour");
  await page.locator(".time-filter").getByRole("link", { name: "past week" }).click();
  await expect(page).toHaveURL(/t=week/);
  expect(await titles(page)).toContain("old classic");
});

test("next and prev page through the listing by after/before fullnames", async () => {
  const page = owner.page;
  await expectTitles(page, `/r/${community}/new`, (t) => t.length === 4);
  const all = await titles(page);
  await page.goto(`/r/${community}/new?limit=2`);
  expect(await titles(page)).toEqual(all.slice(0, 2));
  await page.getByRole("link", { name: "next ›" }).click();
  await expect(page).toHaveURL(/after=t3_[0-9a-z]+/);
  expect(await titles(page)).toEqual(all.slice(2, 4));
  await screenshot(page, "listing-page-2");
  await page.getByRole("link", { name: "‹ prev" }).click();
  await expect(page).toHaveURL(/before=t3_[0-9a-z]+/);
  expect(await titles(page)).toEqual(all.slice(0, 2));
});

test("the comment sort changes the order of a post's comments", async () => {
  const page = owner.page;
  await page.goto(postUrl);
  for (const text of ["an early comment", "a later comment"]) {
    await page.getByLabel("comment", { exact: true }).fill(text);
    await page.getByRole("button", { name: "post comment" }).click();
    await expect(page.locator(".comment-body").filter({ hasText: text })).toBeVisible();
  }
  for (const v of voters) await upvote(v.page, postUrl, "an early comment");
  const bodies = () => page.locator(".comment .usertext").allInnerTexts();
  await expect(async () => {
    await page.goto(`${postUrl}?sort=new`);
    expect((await bodies()).map((b) => b.trim())).toEqual(["a later comment", "an early comment"]);
  }).toPass({ timeout: 15_000 });
  await expect(async () => {
    await page.goto(`${postUrl}?sort=top`);
    expect((await bodies()).map((b) => b.trim())).toEqual(["an early comment", "a later comment"]);
  }).toPass({ timeout: 15_000 });
  await page.locator(".comment-sorts").getByRole("link", { name: "new" }).click();
  await expect(page).toHaveURL(/sort=new/);
  expect((await bodies()).map((b) => b.trim())).toEqual(["a later comment", "an early comment"]);
  await screenshot(page, "comments-sort-new");
});

test("with JavaScript disabled the tabs, the time filter, paging and the comment sort still work", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/r/${community}`);
  await page.locator(".sort-tabs").getByRole("link", { name: "new" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${community}/new$`));
  expect((await titles(page))[0]).toBe("third post");
  await page.locator(".sort-tabs").getByRole("link", { name: "top" }).click();
  await page.locator(".time-filter").getByRole("link", { name: "past hour" }).click();
  await expect(page).toHaveURL(/t=hour/);
  expect(await titles(page)).not.toContain("old classic");
  await page.goto(`/r/${community}/new?limit=2`);
  await page.getByRole("link", { name: "next ›" }).click();
  await expect(page).toHaveURL(/after=t3_/);
  expect(await titles(page)).toHaveLength(2);
  await page.goto(postUrl);
  await page.locator(".comment-sorts").getByRole("link", { name: "new" }).click();
  await expect(page).toHaveURL(/sort=new/);
  await expect(page.locator(".comment .usertext").first()).toContainText("a later comment");
  await page.goto("/top?t=all");
  await expect(page.locator(".sort-tabs .tab.on")).toHaveText("top");
  await screenshot(page, "front-top-nojs");
  await context.close();
});

test("r/all lists every community's posts with the sort tabs; r/popular answers too", async () => {
  const page = owner.page;
  await page.getByRole("navigation", { name: "site" }).getByRole("link", { name: "all" }).click();
  await expect(page).toHaveURL(/\/r\/all$/);
  await expect(page.locator(".community-header h1")).toHaveText("r/all");
  // This community's posts among everyone's, newest first.
  const inOrder = (t: string[]) => ["third post", "second post", "first post"].map((x) => t.indexOf(x)).every((i, k, a) => i >= 0 && (k === 0 || i > (a[k - 1] as number)));
  await expectTitles(page, "/r/all/new", inOrder);
  await expect(page.locator(".sort-tabs .tab.on")).toHaveText("new");
  // Every row names its community.
  await expect(page.locator(".thing.link").filter({ hasText: "third post" }).locator(".subreddit")).toHaveText(`r/${community}`);
  await screenshot(page, "r-all-new");
  const popular = await page.goto("/r/popular/top?t=all");
  expect(popular?.status()).toBe(200);
  await expect(page.locator(".community-header h1")).toHaveText("r/popular");
});

test("a profile's overview merges the user's posts and comments under its sort tabs", async () => {
  const page = owner.page;
  await expectTitles(page, `/user/${owner.name}`, (t) => t[0] === "third post");
  // The owner's comments from the comment-sort test sit between the posts, newest first.
  const rows = page.locator(".site-table > *");
  await expect(async () => {
    await page.goto(`/user/${owner.name}`);
    const texts = (await rows.allInnerTexts()).map((t) => (t.includes("a later comment") ? "later" : t.includes("an early comment") ? "early" : t.includes("third post") ? "third" : "other"));
    expect(texts.slice(0, 3)).toEqual(["later", "early", "third"]);
  }).toPass({ timeout: 15_000 });
  await page.locator(".sort-tabs").getByRole("link", { name: "top" }).click();
  await expect(page).toHaveURL(new RegExp(`/user/${owner.name}\\?sort=top`));
  await expect(page.locator(".sort-tabs .tab.on")).toHaveText("top");
  await screenshot(page, "profile-overview-top");
  // reddit's other address for it.
  await page.goto(`/user/${owner.name}/overview`);
  await expect(page.locator(".profile-tabs .tab.on")).toHaveText("overview");
});

test("search: the header box searches every community; a community's box keeps to it, with sorts and pages", async ({ browser }) => {
  const page = owner.page;
  await page.goto("/");
  await page.getByRole("search").getByLabel("search").fill("third");
  await page.getByRole("search").getByLabel("search").press("Enter");
  await expect(page).toHaveURL(/\/search\?q=third/);
  await expect(page.locator(".site-table .title-link")).toContainText(["third post"]);
  // The community's own box: restricted to it, any sort, paged.
  await page.goto(`/r/${community}`);
  await page.getByLabel(`search r/${community}`).fill("post");
  await page.getByLabel(`search r/${community}`).press("Enter");
  await expect(page).toHaveURL(new RegExp(`/r/${community}/search\\?restrict_sr=on&q=post`));
  await page.locator(".sort-tabs").getByRole("link", { name: "new" }).click();
  await expect(page).toHaveURL(/sort=new/);
  expect(await titles(page)).toEqual(["third post", "second post", "first post"]);
  await expect(page.getByLabel(`limit my search to r/${community}`)).toBeChecked();
  await screenshot(page, "search-community-new");
  // With JavaScript off the form and the links are enough.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const nojs = await context.newPage();
  await nojs.goto(`/r/${community}/search`);
  const form = nojs.locator(".search-page form");
  await form.getByLabel("search", { exact: true }).fill("second");
  await form.getByRole("button", { name: "search" }).click();
  await expect(nojs).toHaveURL(/q=second/);
  expect(await titles(nojs)).toEqual(["second post"]);
  await context.close();
});

test("a reader's own saved and upvoted lists are tabs of their profile, for them only", async () => {
  const [voter] = voters;
  const page = voter!.page;
  await page.goto(`/user/${voter!.name}`);
  await page.getByRole("navigation", { name: "profile" }).getByRole("link", { name: "upvoted" }).click();
  await expect(page).toHaveURL(new RegExp(`/user/${voter!.name}/upvoted$`));
  expect(await titles(page)).toContain("first post");
  // Save a post from the community's listing; it heads the saved tab.
  await page.goto(`/r/${community}/new`);
  const row = page.locator(".thing.link").filter({ hasText: "second post" });
  await row.getByRole("button", { name: "save", exact: true }).click();
  await expect(row.getByRole("button", { name: "unsave" })).toBeVisible();
  await page.goto(`/user/${voter!.name}/saved`);
  expect((await titles(page))[0]).toBe("second post");
  await screenshot(page, "profile-saved");
  // Someone else's lists are not there for the owner of another profile, nor are their tabs.
  const other = await owner.page.goto(`/user/${voter!.name}/saved`);
  expect(other?.status()).toBe(404);
  await owner.page.goto(`/user/${voter!.name}`);
  await expect(owner.page.getByRole("navigation", { name: "profile" }).getByRole("link", { name: "saved" })).toHaveCount(0);
});
