import { expect, test } from "@playwright/test";
import { uniqueName } from "./helpers";

// The built Next.js app answers reddit's API the way reddit's hosts do: with a
// bearer token every path is JSON, with or without `.json`; without one, the
// same path is a page and `.json` is JSON.
test("bearer tokens get JSON on every path; browsers get pages", async ({ playwright, baseURL }) => {
  const origin = baseURL!;
  const browserish = await playwright.request.newContext({ baseURL: origin, extraHTTPHeaders: { origin } });
  const name = uniqueName("api");
  const password = "correct horse battery";
  expect((await browserish.post("/api/register", { form: { user: name, passwd: password, passwd2: password, api_type: "json" } })).status()).toBe(200);
  const community = uniqueName("apisr");
  expect((await browserish.post("/api/site_admin", { form: { name: community, title: "API routing", api_type: "json" } })).status()).toBe(200);
  const app = await (await browserish.post("/api/v1/apps", { form: { name: "routing test" } })).json();

  const basic = Buffer.from(`${app.client_id}:${app.client_secret}`).toString("base64");
  const tokenRes = await browserish.post("/api/v1/access_token", {
    headers: { authorization: `Basic ${basic}` },
    form: { grant_type: "password", username: name, password },
  });
  const { access_token: token } = await tokenRes.json();
  expect(typeof token).toBe("string");

  const anonymous = await playwright.request.newContext({ baseURL: origin });
  const withBearer = await playwright.request.newContext({ baseURL: origin, extraHTTPHeaders: { authorization: `bearer ${token}` } });

  for (const path of [`/r/${community}/about`, `/r/${community}/about/`, `/r/${community}/about.json`]) {
    const res = await withBearer.get(path);
    expect(res.headers()["content-type"], path).toContain("application/json");
    expect((await res.json()).data.display_name).toBe(community);
  }
  const me = await (await withBearer.get("/api/v1/me")).json();
  expect(me.name).toBe(name);

  const page = await anonymous.get(`/r/${community}`);
  expect(page.headers()["content-type"]).toContain("text/html");
  const json = await anonymous.get(`/r/${community}/about.json`);
  expect(json.headers()["content-type"]).toContain("application/json");

  const badToken = await playwright.request.newContext({ baseURL: origin, extraHTTPHeaders: { authorization: "bearer nope" } });
  const refused = await badToken.get("/api/v1/me");
  expect(refused.status()).toBe(401);
  expect(refused.headers()["www-authenticate"]).toContain('error="invalid_token"');
});
