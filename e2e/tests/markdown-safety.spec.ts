import { expect, test } from "@playwright/test";
import { createCommunity, signUp, submitTextPost, uniqueName } from "./helpers";

const PAYLOAD = [
  "<script>window.__pwned = 'script'; alert('script')</script>",
  "",
  '<img src="x" onerror="window.__pwned = \'img\'; alert(\'img\')">',
  "",
  "[click me](javascript:window.__pwned='link';alert('link'))",
  "",
  "[mixed case](JaVaScRiPt:alert('mixed'))",
  "",
  "[entity](javascript&colon;alert('entity'))",
  "",
  '<a href="javascript:alert(\'raw\')">raw anchor</a>',
  "",
  '<iframe src="javascript:alert(\'iframe\')"></iframe>',
  "",
  "![image](javascript:alert('image'))",
  "",
  "[a fine link](https://example.com/safe)",
].join("\n");

test("markdown with script, onerror images and javascript: links renders inert in the browser", async ({ browser }) => {
  const { page, context } = await signUp(browser, "mallory");
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const community = uniqueName("sandbox");
  await createCommunity(page, community, { sidebar: PAYLOAD });
  const postUrl = await submitTextPost(page, community, `<img src=x onerror="alert('title')"> a title`, PAYLOAD);
  await page.getByLabel("comment", { exact: true }).fill(PAYLOAD);
  await page.getByRole("button", { name: "post comment" }).click();
  await expect(page.locator(".comment .usertext")).toHaveCount(1);

  for (const url of [postUrl, `/r/${community}`, "/"]) {
    await page.goto(url);
    await page.waitForLoadState("load");
    // Try the links a reader would click.
    for (const link of await page.locator(".usertext a").all()) {
      const href = (await link.getAttribute("href")) ?? "";
      expect(href.replace(/[\s\u0000-\u001f]/g, "").toLowerCase()).not.toMatch(/^(javascript|vbscript|data):/);
    }
    await expect(page.locator(".usertext script, .usertext img, .usertext iframe, .title img")).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  }

  await page.goto(postUrl);
  // The payload shows as text; the good link stays a link, marked nofollow.
  await expect(page.locator(".entry > .usertext")).toContainText("<script>");
  await expect(page.locator(".comment .usertext")).toContainText("onerror");
  const fine = page.locator(".entry > .usertext").getByRole("link", { name: "a fine link" });
  await expect(fine).toHaveAttribute("href", "https://example.com/safe");
  await expect(fine).toHaveAttribute("rel", /nofollow/);
  // Clicking what looks like the javascript: link does nothing.
  await page.locator(".entry > .usertext").getByText("click me").first().click();
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await context.close();
});
