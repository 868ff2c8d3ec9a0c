import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "./harness.js";
import { expectResponseMatchesOpenApi } from "./openapi-check.js";
import { community, expectRefused, person, post, type Person } from "./moderation-fixtures.js";

let api: TestApi;
let ann: Person;
let ben: Person;
let sr: { id: bigint; name: string };

beforeAll(async () => {
  api = await startTestApi();
  ann = await person(api, "mail_ann");
  ben = await person(api, "mail_ben");
  sr = await community(api.services, "mailroom", [ann]);
});

afterAll(async () => {
  await api?.close();
});

type Child = { kind: string; data: { name: string; new: boolean; subject: string; body: string; author: string; dest?: string; was_comment: boolean } };
async function inbox(who: Person, where = "inbox"): Promise<Child[]> {
  const res = await who.client.get(`/message/${where}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expectResponseMatchesOpenApi("GET", `/message/${where}`, res);
  return res.body.data.children as Child[];
}

describe("private messages", () => {
  it("compose reaches the recipient's inbox unread; the sender sees it in sent; a reply goes back with re: its subject", async () => {
    const sent = await ann.client.post("/api/compose", { to: "/u/mail_ben", subject: "hello", text: "are you **there**?" });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expectResponseMatchesOpenApi("POST", "/api/compose", sent);
    const [m] = await inbox(ben, "unread");
    expect(m).toMatchObject({ kind: "t4", data: { subject: "hello", author: "mail_ann", dest: "mail_ben", new: true, was_comment: false } });
    expect((await inbox(ann, "sent")).map((c) => c.data.name)).toEqual([m!.data.name]);
    expect(await inbox(ann)).toEqual([]);

    const reply = await ben.client.post("/api/comment", { thing_id: m!.data.name, text: "I am" });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const answer = reply.body.json.data.things[0];
    expect(answer).toMatchObject({ kind: "t4", data: { subject: "re: hello", author: "mail_ben", dest: "mail_ann", first_message_name: m!.data.name, parent_id: m!.data.name } });
    expect((await inbox(ann, "messages")).map((c) => c.data.subject)).toEqual(["re: hello"]);
    // Nobody outside the conversation can answer it.
    const carl = await person(api, "mail_carl");
    await expectRefused(api.services, () => carl.client.post("/api/comment", { thing_id: m!.data.name, text: "me too" }), 404, "thing_id");
  });

  it("read and unread marks, mark=true and read_all_messages", async () => {
    await ann.client.post("/api/compose", { to: "mail_ben", subject: "two", text: "x" });
    const unread = await inbox(ben, "unread");
    expect(unread.length).toBeGreaterThanOrEqual(2);
    expect((await ben.client.post("/api/read_message", { id: unread.map((c) => c.data.name).join(",") })).status).toBe(200);
    expect(await inbox(ben, "unread")).toEqual([]);
    expect((await ben.client.post("/api/unread_message", { id: unread[0]!.data.name })).status).toBe(200);
    expect((await inbox(ben, "unread")).map((c) => c.data.name)).toEqual([unread[0]!.data.name]);
    const marked = await ben.client.get("/message/unread?mark=true");
    expect(marked.body.data.children).toHaveLength(1);
    expect(await inbox(ben, "unread")).toEqual([]);
    await ann.client.post("/api/compose", { to: "mail_ben", subject: "three", text: "x" });
    expect((await ben.client.post("/api/read_all_messages", {})).status).toBe(200);
    expect(await inbox(ben, "unread")).toEqual([]);
  });

  it("a reply to your post or comment is in your inbox (not your own replies), and pages with after/before", async () => {
    const p = await post(api.services, sr.id, ann, "a post for replies");
    const top = await ben.client.post("/api/comment", { thing_id: p.fullname, text: "first!" });
    const topName = top.body.json.data.things[0].data.name as string;
    await ann.client.post("/api/comment", { thing_id: topName, text: "thanks" }); // ann replies to ben: ben's inbox
    await ann.client.post("/api/comment", { thing_id: p.fullname, text: "talking to myself" }); // nobody's
    const replies = await inbox(ann, "comments");
    expect(replies.map((c) => [c.kind, c.data.subject, c.data.body, c.data.was_comment, c.data.new])).toEqual([["t1", "post reply", "first!", true, true]]);
    expect((await inbox(ben, "comments")).map((c) => [c.data.subject, c.data.body])).toEqual([["comment reply", "thanks"]]);
    const all = (await inbox(ben)).map((c) => c.data.name);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const first = await ben.client.get("/message/inbox?limit=1");
    expect(first.body.data.children.map((c: Child) => c.data.name)).toEqual([all[0]]);
    const second = await ben.client.get(`/message/inbox?limit=1&after=${first.body.data.after}`);
    expect(second.body.data.children.map((c: Child) => c.data.name)).toEqual([all[1]]);
    const back = await ben.client.get(`/message/inbox?limit=1&before=${all[1]}`);
    expect(back.body.data.children.map((c: Child) => c.data.name)).toEqual([all[0]]);
  });

  it("bad input is a 400 naming the field and sends nothing; the inbox is the owner's alone", async () => {
    await expectRefused(api.services, () => ann.client.post("/api/compose", { to: "nobody_at_all", subject: "s", text: "t" }), 400, "to");
    await expectRefused(api.services, () => ann.client.post("/api/compose", { to: "mail_ben", subject: " ", text: "t" }), 400, "subject");
    await expectRefused(api.services, () => ann.client.post("/api/compose", { to: "mail_ben", subject: "s", text: "" }), 400, "text");
    await expectRefused(api.services, () => ann.client.post("/api/compose", { to: "mail_ben", subject: "x".repeat(101), text: "t" }), 400, "subject");
    expect((await ann.client.post("/api/read_message", { id: "t3_abc" })).status).toBe(400);
    expect((await api.services.db.inboxItem.count({ where: { userId: ann.id, unread: true } })) > 0).toBe(true);
    // Ben marking ann's items changes nothing of hers.
    const annUnread = (await inbox(ann, "unread")).map((c) => c.data.name);
    await ben.client.post("/api/read_message", { id: annUnread.join(",") });
    expect((await inbox(ann, "unread")).map((c) => c.data.name)).toEqual(annUnread);
  });
});

describe("ban notices", () => {
  it("a ban sends the user a notice from the moderator, with the reason and the moderator's message", async () => {
    const troll = await person(api, "mail_troll");
    const res = await ann.client.post(`/r/${sr.name}/api/friend`, { name: "mail_troll", type: "banned", ban_reason: "spam", ban_message: "please read the **rules**", duration: "3" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [notice] = await inbox(troll, "unread");
    expect(notice).toMatchObject({ kind: "t4", data: { subject: `you've been banned from r/${sr.name}`, author: "mail_ann" } });
    expect(notice!.data.body).toBe(`You have been banned from r/${sr.name} for 3 days.\n\nReason: spam\n\nplease read the **rules**`);
  });
});
