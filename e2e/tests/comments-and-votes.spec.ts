import { expect, test } from "@playwright/test";
import { commentBody, createCommunity, replyTo, screenshot, signUp, submitTextPost, uniqueName } from "./helpers";

test("another user comments, replies three levels deep and votes; the tally's score shows on reload", async ({ browser }) => {
  const author = await signUp(browser, "op");
  const community = uniqueName("talk");
  await createCommunity(author.page, community);
  const postUrl = await submitTextPost(author.page, community, "What are you reading?", "Tell us.");

  const reader = await signUp(browser, "reader");
  const page = reader.page;
  await page.goto(postUrl);
  await page.getByLabel("comment", { exact: true }).fill("Top-level: *Middlemarch*");
  await page.getByRole("button", { name: "post comment" }).click();
  await expect(commentBody(page, "Top-level: Middlemarch")).toBeVisible();
  await expect(commentBody(page, "Top-level: Middlemarch").locator("em")).toHaveText("Middlemarch");

  await replyTo(page, "Top-level: Middlemarch", "Depth one: still going");
  await replyTo(page, "Depth one: still going", "Depth two: chapter 40");
  await replyTo(page, "Depth two: chapter 40", "Depth three: done at last");
  await expect(page.locator(".comment.depth-3").filter({ hasText: "Depth three: done at last" })).toBeVisible();
  // The thread nests: depth three sits inside the top-level comment's subtree.
  await expect(page.locator(".comment.depth-0 .comment.depth-1 .comment.depth-2 .comment.depth-3")).toHaveCount(1);

  // Collapse and expand a thread.
  const top = page.locator(".comment.depth-0");
  await top.getByRole("button", { name: "collapse thread" }).first().click();
  await expect(page.getByText("Depth three: done at last")).toBeHidden();
  // A save refreshes the page's HTML; the folded thread stays folded.
  await page.locator("article.thing.link").getByRole("button", { name: "save", exact: true }).click();
  await expect(page.locator("article.thing.link").getByRole("button", { name: "unsave" })).toBeVisible();
  await expect(page.getByText("Depth three: done at last")).toBeHidden();
  await top.getByRole("button", { name: "expand thread" }).click();
  await expect(page.getByText("Depth three: done at last")).toBeVisible();

  // The reader upvotes the post; the arrow is pressed at once.
  const post = page.locator("article.thing.link");
  const up = post.getByRole("button", { name: "upvote" });
  await up.click();
  await expect(up).toHaveAttribute("aria-pressed", "true");

  // Author's own upvote + the reader's: once the tally has run, a reload shows 2.
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.locator("article.thing.link [data-testid=score]").textContent();
      },
      { timeout: 45_000, intervals: [500, 1000, 2000] },
    )
    .toBe("2");
  await expect(page.locator("article.thing.link").getByRole("button", { name: "upvote" })).toHaveAttribute("aria-pressed", "true");

  // The post's author downvotes the depth-two reply: 1 (its author's) − 1 = 0 after the tally.
  await author.page.goto(postUrl);
  const depthTwo = commentBody(author.page, "Depth two: chapter 40");
  await depthTwo.getByRole("button", { name: "downvote" }).click();
  await expect(depthTwo.getByRole("button", { name: "downvote" })).toHaveAttribute("aria-pressed", "true");
  await expect
    .poll(
      async () => {
        await author.page.reload();
        return commentBody(author.page, "Depth two: chapter 40").locator("[data-testid=score]").textContent();
      },
      { timeout: 45_000, intervals: [500, 1000, 2000] },
    )
    .toBe("0");
  await expect(author.page.getByRole("heading", { name: "all 4 comments" })).toBeVisible();

  // The commenter edits and deletes their own comments.
  await page.reload();
  const depthOne = commentBody(page, "Depth one: still going");
  await depthOne.getByRole("button", { name: "edit" }).click();
  await depthOne.getByLabel("edit").fill("Depth one: finished, edited");
  await depthOne.getByRole("button", { name: "save edit" }).click();
  await expect(commentBody(page, "Depth one: finished, edited")).toBeVisible();
  page.once("dialog", (d) => void d.accept());
  await commentBody(page, "Depth three: done at last").getByRole("button", { name: "delete" }).click();
  await expect(page.locator(".comment.depth-3 .usertext").first()).toHaveText("[deleted]");
  await screenshot(page, "post-page");

  // Sorting keeps every comment.
  await page.getByRole("link", { name: "new", exact: true }).click();
  await expect(page).toHaveURL(/sort=new/);
  await expect(page.locator(".comment")).toHaveCount(4);

  // A smaller page leaves a "load more comments" link to the rest of the sub-thread.
  await page.goto(`${postUrl}?limit=2`);
  await expect(page.locator(".comment")).toHaveCount(2);
  await page.getByRole("link", { name: "load more comments (2)" }).click();
  await expect(page.getByRole("heading", { name: "single comment thread" })).toBeVisible();
  await expect(commentBody(page, "Depth two: chapter 40")).toBeVisible();

  // The profile lists the reader's comments, newest first.
  await page.goto(`/user/${reader.name}`);
  await expect(page.getByText("Depth two: chapter 40")).toBeVisible();
  await expect(page.locator(".comment-summary").first()).toContainText("Depth two: chapter 40");
  await screenshot(page, "profile");

  await author.context.close();
  await reader.context.close();
});
