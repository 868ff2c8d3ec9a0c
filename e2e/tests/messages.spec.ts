import { expect, test } from "@playwright/test";
import { createCommunity, screenshot, signUp, submitTextPost, uniqueName } from "./helpers";

test("a private message goes from a profile to the recipient's inbox, which marks it; a reply to a post lands there too", async ({ browser }) => {
  const ann = await signUp(browser, "mailer");
  const ben = await signUp(browser, "reader");
  // Ben writes to Ann from her profile.
  await ben.page.goto(`/user/${ann.name}`);
  await ben.page.getByRole("link", { name: "send a message" }).click();
  await expect(ben.page.getByLabel("to (a username)")).toHaveValue(ann.name);
  await ben.page.getByRole("button", { name: "send" }).click();
  await expect(ben.page.locator("#subject-error")).toBeVisible(); // no subject yet: refused, named
  await ben.page.getByLabel("subject").fill("hello there");
  await ben.page.getByLabel("message (markdown)").fill("a **bold** hello");
  await ben.page.getByRole("button", { name: "send" }).click();
  await expect(ben.page).toHaveURL(/\/message\/sent$/);
  await expect(ben.page.locator(".thing.message").first()).toContainText("hello there");

  // Ann's header shows new mail; the inbox shows it new once, then read.
  await ann.page.goto("/");
  await ann.page.getByRole("link", { name: "new messages" }).click();
  await expect(ann.page).toHaveURL(/\/message\/unread$/);
  const message = ann.page.locator(".thing.message").filter({ hasText: "hello there" });
  await expect(message.locator(".tag.new")).toBeVisible();
  await expect(message.locator(".usertext strong")).toHaveText("bold");
  await screenshot(ann.page, "inbox-unread");
  await message.getByRole("button", { name: "reply" }).click();
  await message.getByLabel("reply to the message").fill("hi Ben");
  await message.getByRole("button", { name: "send" }).click();
  await expect(message.getByRole("status")).toHaveText("Sent.");
  await ann.page.goto("/");
  await expect(ann.page.getByRole("link", { name: "messages", exact: true })).toBeVisible();

  await ben.page.goto("/message/messages");
  await expect(ben.page.locator(".thing.message").first()).toContainText("re: hello there");

  // A reply to Ann's post is in her inbox's comment replies.
  const community = uniqueName("letters");
  await createCommunity(ann.page, community);
  const url = await submitTextPost(ann.page, community, "Write to me", "anything");
  await ben.page.goto(url);
  await ben.page.getByLabel("comment", { exact: true }).fill("writing to you");
  await ben.page.getByRole("button", { name: "post comment" }).click();
  await expect(ben.page.locator(".comment-body").filter({ hasText: "writing to you" })).toBeVisible();
  await ann.page.goto("/message/comments");
  const reply = ann.page.locator(".thing.message").filter({ hasText: "writing to you" });
  await expect(reply.locator(".subject")).toContainText("post reply");
  await expect(reply.getByRole("link", { name: "on Write to me" })).toBeVisible();
  await ann.context.close();
  await ben.context.close();
});

test("blocking from a profile keeps the blocked account's messages out of the inbox; prefs/blocked lifts it", async ({ browser }) => {
  const ann = await signUp(browser, "blocker");
  const ben = await signUp(browser, "pest");
  await ann.page.goto(`/user/${ben.name}`);
  ann.page.once("dialog", (d) => void d.accept());
  await ann.page.getByRole("button", { name: "block user" }).click();
  await expect(ann.page.getByRole("button", { name: "unblock" })).toBeVisible();

  const send = async (subject: string) => {
    await ben.page.goto(`/message/compose?to=${ann.name}`);
    await ben.page.getByLabel("subject").fill(subject);
    await ben.page.getByLabel("message (markdown)").fill("hello?");
    await ben.page.getByRole("button", { name: "send" }).click();
    await expect(ben.page).toHaveURL(/\/message\/sent$/);
  };
  await send("while blocked");
  await ann.page.goto("/message/inbox");
  await expect(ann.page.locator(".thing.message")).toHaveCount(0);

  await ann.page.goto("/prefs/blocked");
  const row = ann.page.locator(".blocked-list li").filter({ hasText: `u/${ben.name}` });
  await expect(row).toBeVisible();
  await screenshot(ann.page, "prefs-blocked");
  await row.getByRole("button", { name: "unblock" }).click();
  await expect(ann.page.getByText("You have not blocked anyone.")).toBeVisible();
  await send("after the block");
  await ann.page.goto("/message/inbox");
  await expect(ann.page.locator(".thing.message").filter({ hasText: "after the block" })).toBeVisible();
  await expect(ann.page.locator(".thing.message").filter({ hasText: "while blocked" })).toHaveCount(0);
  await ann.context.close();
  await ben.context.close();
});
