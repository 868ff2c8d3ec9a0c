import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, TestClient, type TestApi } from "./harness.js";
import { createCommunity, userClient } from "./posts-fixtures.js";

let api: TestApi;
let author: Awaited<ReturnType<typeof userClient>>;

beforeAll(async () => {
  api = await startTestApi();
  author = await userClient(api, "http_author");
  await createCommunity(api.services, "http", author.user.id);
});

afterAll(async () => {
  await api?.close();
});

async function postCount() {
  return api.services.db.post.count();
}

describe("the API's HTTP boundary", () => {
  it("refuses a body over 256 KiB with 413 TOO_LONG naming body; nothing written", async () => {
    const before = await postCount();
    const res = await author.client.post("/api/submit", { kind: "self", sr: "http", title: "huge", text: "a".repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.json.errors[0]).toEqual(["TOO_LONG", expect.any(String), "body"]);
    expect(await postCount()).toBe(before);
  });

  it("refuses malformed JSON with 400 naming body; nothing written", async () => {
    const before = await postCount();
    const broken = await fetch(`${api.url}/api/submit`, {
      method: "POST",
      headers: { authorization: `bearer ${author.token}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { fields: string[] }).fields).toEqual(["body"]);
    expect(await postCount()).toBe(before);
  });

  it("accepts a JSON body exactly like a form", async () => {
    const res = await author.client.call("POST", "/api/submit", { json: { api_type: "json", kind: "self", sr: "http", title: "from JSON", text: "hi" } });
    expect(res.status).toBe(200);
    expect(res.body.json.data.name).toMatch(/^t3_/);
  });

  it("answers an unknown path with a JSON 404 and a wrong method with 405", async () => {
    const anon = new TestClient(api.url);
    const missing = await anon.get("/api/no_such_thing");
    expect(missing.status).toBe(404);
    expect(missing.body.reason).toBe("NOT_FOUND");
    const wrongMethod = await anon.get("/api/submit");
    expect(wrongMethod.status).toBe(405);
  });
});

describe("paths and text the way reddit's clients send them", () => {
  it("refuses a NUL character in any field with 400 naming it, before anything is read or written (Postgres text cannot hold one)", async () => {
    const before = await postCount();
    for (const [field, form] of [
      ["title", { kind: "self", sr: "http", title: "a\u0000b", text: "" }],
      ["text", { kind: "self", sr: "http", title: "ok", text: "a\u0000b" }],
      ["sr", { kind: "self", sr: "ht\u0000tp", title: "ok", text: "" }],
    ] as const) {
      const res = await author.client.post("/api/submit", form);
      expect(res.status).toBe(400);
      expect(res.body.json.errors[0]).toEqual(["BAD_REQUEST", expect.stringContaining("NUL"), field]);
    }
    expect(await postCount()).toBe(before);
    const login = await new TestClient(api.url).post("/api/login", { user: "a\u0000b", passwd: "x" });
    expect(login.status).toBe(400);
    expect(login.body.fields).toEqual(["user"]);
    const about = await new TestClient(api.url).get("/r/a%00b/about.json");
    expect(about.status).toBe(400);
  });

  it("reads `/r/name/.json`, `/.json` and a trailing slash as the resource they name", async () => {
    const anon = new TestClient(api.url);
    const plain = await anon.get("/r/http/new.json");
    expect(plain.status).toBe(200);
    for (const path of ["/r/http/new/.json", "/r/http/new/", "/r/http/new.json/"]) {
      const res = await anon.get(path);
      expect(res.status, path).toBe(200);
      expect(res.body.data.children.map((c: { data: { name: string } }) => c.data.name)).toEqual(plain.body.data.children.map((c: { data: { name: string } }) => c.data.name));
    }
    expect((await anon.get("/r/http/.json")).body.kind).toBe("Listing");
    expect((await anon.get("/.json")).body.kind).toBe("Listing");
  });

  it("names what a bad cursor should be; an empty one is no cursor", async () => {
    const anon = new TestClient(api.url);
    const bad = await anon.get("/r/http/new.json?after=garbage");
    expect(bad.status).toBe(400);
    expect(bad.body.json.errors[0]).toEqual(["INVALID_ID", "not a fullname of kind t1|t3|t5|t2", "after"]);
    expect((await anon.get("/r/http/new.json?after=")).status).toBe(200);
  });

  it("takes a multireddit path longer than 100 characters", async () => {
    const names = Array.from({ length: 26 }, () => "http").join("+");
    expect(names.length).toBeGreaterThan(100);
    const res = await new TestClient(api.url).get(`/r/${names}/new.json`);
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe("Listing");
  });
});
