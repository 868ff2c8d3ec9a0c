import { z } from "zod";
import { booleanParamSchema, cursorSchema, limitParamSchema } from "@hivemind/core";
import { INBOX_VIEWS, inboxPage, inboxThingId, markAllRead, markInbox, markInboxItems, sendMessage, type InboxView } from "@hivemind/domain";
import { emptySchema, inboxThingSchema, listing, listingSchema, presentInboxEntry } from "@hivemind/present";
import { defineRoute } from "../http/route.js";
import { presentContextOf } from "../http/present-context.js";
import { formOk, formOkSchema } from "./form-response.js";

const tags = ["messages"];

const composeInput = z.object({
  to: z.string({ error: "name who the message is for (to)" }).default(""),
  subject: z.string().default(""),
  text: z.string().default(""),
});

const idsInput = z.object({ id: z.string().default("") });
/** An inbox page's cursor: a message or a reply. */
const inboxCursor = cursorSchema(["t1", "t4"]);

/** reddit's /message/{where}: a page of the reader's inbox, newest first; `mark=true` marks what it shows read. */
function inboxRoute(view: InboxView) {
  return defineRoute({
    method: "GET",
    path: `/message/${view}`,
    scope: "privatemessages",
    auth: "required",
    tags,
    summary:
      view === "sent"
        ? "The messages you sent, newest first"
        : `Your inbox${view === "inbox" ? "" : `'s ${view}`}: messages and replies to your posts and comments, newest first (PRAW's reddit.inbox)`,
    input: z.object({ limit: limitParamSchema, after: inboxCursor, before: inboxCursor, mark: booleanParamSchema.default(false) }),
    response: listingSchema(inboxThingSchema),
    async handler({ req, input, actor, services }) {
      const page = await inboxPage(services.db, actor, view, input);
      if (input.mark && view !== "sent") await markInboxItems(services, actor, page.items.map(inboxThingId), false);
      const ctx = presentContextOf(req);
      return listing(page.items.map((e) => presentInboxEntry(e, ctx)), { after: page.after, before: page.before, dist: true });
    },
  });
}

function markRoute(path: string, unread: boolean, summary: string) {
  return defineRoute({
    method: "POST",
    path,
    scope: "privatemessages",
    auth: "required",
    tags,
    summary,
    input: idsInput,
    response: emptySchema,
    async handler({ input, actor, services }) {
      await markInbox(services, actor, input.id, unread);
      return {};
    },
  });
}

export const messageRoutes = [
  defineRoute({
    method: "POST",
    path: "/api/compose",
    scope: "privatemessages",
    rateLimit: "message",
    auth: "required",
    tags,
    summary: "Send a private message (to: a username, subject, text; PRAW's redditor.message())",
    input: composeInput,
    response: formOkSchema,
    async handler({ input, actor, services }) {
      await sendMessage(services, actor, input);
      return formOk();
    },
  }),
  ...INBOX_VIEWS.map(inboxRoute),
  markRoute("/api/read_message", false, "Mark messages and replies read (id: t4_/t1_ fullnames, comma-separated)"),
  markRoute("/api/unread_message", true, "Mark messages and replies unread (id: t4_/t1_ fullnames, comma-separated)"),
  defineRoute({
    method: "POST",
    path: "/api/read_all_messages",
    scope: "privatemessages",
    auth: "required",
    tags,
    summary: "Mark the whole inbox read",
    input: z.object({}),
    response: emptySchema,
    async handler({ actor, services }) {
      await markAllRead(services, actor);
      return {};
    },
  }),
];
