import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, TestClient, type TestApi } from "./harness.js";
import { driveEnv, driveScript, runPraw } from "./praw/venv.js";

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.close();
});

/** Signs up in the browser way, then creates a script app as the prefs page does. */
async function accountWithApp(name: string, password: string) {
  const browser = new TestClient(api.url);
  const registered = await browser.post("/api/register", { user: name, passwd: password, passwd2: password });
  expect(registered.status).toBe(200);
  const app = await browser.call("POST", "/api/v1/apps", { form: { name: `${name}'s script` } });
  expect(app.status).toBe(200);
  return { name, password, clientId: app.body.client_id as string, secret: app.body.client_secret as string };
}

describe("PRAW, reddit's own client, drives the API unmodified", () => {
  it("a reader's and a moderator's whole journey", async () => {
    const owner = await accountWithApp("praw_owner", "owner-password-1");
    const other = await accountWithApp("praw_other", "other-password-1");
    const steps = await runPraw(driveScript, driveEnv(api.url, "prawjourney", owner, other));
    expect(steps.at(-1)).toBe("done");
    expect(steps).toContain("banned_refused");
    expect(steps).toContain("fetch_tree");
    expect(steps).toContain("directory");
    expect(steps).toContain("messages");
    expect(steps).toContain("block");
  }, 300_000);
});
