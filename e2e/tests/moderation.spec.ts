import { expect, test } from "@playwright/test";
import { commentBody, createCommunity, screenshot, signUp, submitTextPost, uniqueName } from "./helpers";

test("a moderator removes a comment, locks the post, bans the commenter, and the public mod log lists it", async ({ browser }) => {
  const mod = await signUp(browser, "mod");
  const community = uniqueName("civic");
  await createCommunity(mod.page, community);
  const postUrl = await submitTextPost(mod.page, community, "Town hall thread", "Questions for the council.");

  const user = await signUp(browser, "loud");
  await user.page.goto(postUrl);
  await user.page.getByLabel("comment", { exact: true }).fill("This is an abusive comment");
  await user.page.getByRole("button", { name: "post comment" }).click();
  await expect(commentBody(user.page, "This is an abusive comment")).toBeVisible();

  // The user reports the post; it waits in the mod queue with the reason.
  const postRow = user.page.locator("article.thing.link");
  await postRow.getByRole("button", { name: "report" }).click();
  await postRow.getByLabel("other:").check();
  await postRow.getByLabel("other reason").fill("needs a source");
  await postRow.getByRole("button", { name: "report", exact: true }).last().click();
  await expect(user.page.getByRole("status").filter({ hasText: "moderators will take a look" })).toBeVisible();
  // Moderator buttons are not shown to other users.
  await expect(user.page.getByRole("button", { name: "lock" })).toHaveCount(0);

  await mod.page.goto(`/r/${community}/about/modqueue`);
  const queued = mod.page.locator(".queue-item");
  await expect(queued).toHaveCount(1);
  await expect(queued).toContainText("needs a source (1)");
  await screenshot(mod.page, "modqueue");
  await queued.getByRole("button", { name: "approve" }).click();
  await expect(mod.page.getByText("The queue is empty")).toBeVisible();

  // Sticky the post: it heads the community page.
  await mod.page.goto(postUrl);
  await mod.page.locator("article.thing.link").getByRole("button", { name: "sticky", exact: true }).click();
  await expect(mod.page.locator("article.thing.link").getByRole("button", { name: "unsticky" })).toBeVisible();
  await user.page.goto(`/r/${community}`);
  await expect(user.page.locator("article.thing.link").first().locator(".tag.sticky")).toHaveText("stickied");
  await user.page.goto(postUrl);

  // Remove the comment: the moderator still sees it, marked; others see [removed].
  await mod.page.goto(postUrl);
  const comment = commentBody(mod.page, "This is an abusive comment");
  await comment.getByRole("button", { name: "remove" }).click();
  await expect(comment.getByText(/^removed/).first()).toBeVisible();
  await user.page.reload();
  await expect(user.page.locator(".comment .usertext").first()).toHaveText("[removed]");
  await expect(user.page.getByText("This is an abusive comment")).toHaveCount(0);

  // Lock: reply boxes disappear for the user, arrows are disabled, a notice says why.
  await mod.page.locator("article.thing.link").getByRole("button", { name: "lock" }).click();
  await expect(mod.page.getByText("This thread is locked")).toBeVisible();
  // The user's page, loaded before the lock, still offers the arrows: the vote shows at once, the
  // API refuses it, and the arrows and score go back to what they were, with the reason.
  const userPost = user.page.locator("article.thing.link");
  const scoreBefore = await userPost.getByTestId("score").textContent();
  await userPost.getByRole("button", { name: "upvote" }).click();
  await expect(userPost.getByRole("alert")).toHaveText("this thread is locked");
  await expect(userPost.getByRole("button", { name: "upvote" })).toHaveAttribute("aria-pressed", "false");
  await expect(userPost.getByTestId("score")).toHaveText(scoreBefore ?? "");
  await user.page.reload();
  await expect(user.page.getByText("This thread is locked")).toBeVisible();
  await expect(user.page.getByLabel("comment", { exact: true })).toHaveCount(0);
  await expect(user.page.getByRole("button", { name: "reply" })).toHaveCount(0);
  await expect(user.page.locator("article.thing.link").getByRole("button", { name: "upvote" })).toBeDisabled();
  await screenshot(user.page, "locked-post");

  // Ban the commenter, with a public reason, a private note and a duration.
  await mod.page.goto(`/r/${community}/about/banned`);
  await mod.page.getByLabel("username").fill(user.name);
  await mod.page.getByLabel("reason (public)").fill("abusive comments");
  await mod.page.getByLabel("note (moderators only)").fill("second warning ignored");
  await mod.page.getByLabel("days (empty: permanent)").fill("7");
  await mod.page.getByRole("button", { name: "ban user" }).click();
  await expect(mod.page.getByRole("cell", { name: user.name })).toBeVisible();
  await screenshot(mod.page, "banned");

  // A refused ban shows the API's message next to the field it names.
  await mod.page.getByLabel("username").fill("no_such_user_zz");
  await mod.page.getByRole("button", { name: "ban user" }).click();
  await expect(mod.page.locator("#ban-name-error")).toBeVisible();

  // The banned user's submit is refused, visibly.
  await user.page.goto(`/r/${community}/submit`);
  await user.page.getByRole("tab", { name: "text" }).click();
  await user.page.getByLabel("title").fill("I am back");
  await user.page.getByRole("button", { name: "submit" }).click();
  await expect(user.page.locator("form [role=alert]")).toContainText("you are banned");
  await expect(user.page).toHaveURL(new RegExp(`/r/${community}/submit`));

  // The public mod log, read anonymously: who, what, when, why; never the private note.
  const anon = await browser.newContext();
  const log = await anon.newPage();
  await log.goto(`/r/${community}/about/log`);
  const rows = log.locator("table.modlog tbody tr");
  await expect(rows.filter({ hasText: "removed comment" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "locked" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "approved post" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "stickied" })).toHaveCount(1);
  const ban = rows.filter({ hasText: "banned" });
  await expect(ban).toHaveCount(1);
  await expect(ban).toContainText(mod.name);
  await expect(ban).toContainText(`u/${user.name}`);
  await expect(ban).toContainText("7 days");
  await expect(ban).toContainText("abusive comments");
  await expect(log.getByText("second warning ignored")).toHaveCount(0);
  await expect(rows.first()).toContainText("banned"); // newest first
  await screenshot(log, "modlog");

  // Moderation pages stay closed to others.
  await log.goto(`/r/${community}/about/banned`);
  await expect(log.getByText(`Only moderators of r/${community}`)).toBeVisible();
  await expect(log.getByText(user.name)).toHaveCount(0);

  await anon.close();
  await mod.context.close();
  await user.context.close();
});
