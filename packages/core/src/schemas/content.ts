/**
 * Post and comment content: titles, link urls, markdown bodies. Lengths are in UTF-16 code
 * units (JavaScript string length), so an emoji outside the BMP counts 2.
 */
import { z } from "zod";
import { coded } from "./coded.js";

export const TITLE_MAX = 300;
export const URL_MAX = 2000;
export const SELFTEXT_MAX = 40000;
export const COMMENT_MAX = 10000;

/** A post title: trimmed, 1..300 characters. Errors: NO_TEXT, TOO_LONG. */
export const titleSchema = z
  .string()
  .trim()
  .min(1, "a title is required")
  .max(TITLE_MAX, `title is too long (max: ${TITLE_MAX})`);

function parseHttpUrl(s: string): URL | null {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  if (u.hostname === "") return null;
  return u;
}

/**
 * A link url: trimmed, http or https only, with a host, at most 2000 characters.
 * Errors: NO_URL (empty), BAD_URL (anything else). The output is the trimmed string as given.
 */
export const urlSchema = z
  .string()
  .trim()
  .refine((s) => s.length > 0, { ...coded("NO_URL", "a url is required"), abort: true })
  .refine((s) => s.length <= URL_MAX, { ...coded("BAD_URL", `url is too long (max: ${URL_MAX})`), abort: true })
  .refine((s) => parseHttpUrl(s) !== null, coded("BAD_URL", "you should check that url"));

/**
 * The domain of a link, for domain listings: the url's host, lowercased, without a leading
 * "www." and without a trailing dot; IPv6 hosts keep their brackets. Throws RangeError for
 * something that is not an http(s) url (validate with urlSchema first).
 */
export function domainOf(url: string): string {
  const u = parseHttpUrl(url.trim());
  if (!u) throw new RangeError(`not an http(s) url: ${JSON.stringify(url)}`);
  let host = u.hostname.toLowerCase();
  if (host.endsWith(".")) host = host.slice(0, -1);
  if (host.startsWith("www.") && host.length > 4) host = host.slice(4);
  return host;
}

/** A self post's text: markdown, may be empty (PRAW sends text=""), at most 40000 characters. */
export const selftextSchema = z.string().max(SELFTEXT_MAX, `text is too long (max: ${SELFTEXT_MAX})`);

/** A comment's text: markdown, not blank, at most 10000 characters. Errors: NO_TEXT, TOO_LONG. */
export const commentBodySchema = z
  .string()
  .max(COMMENT_MAX, `comment is too long (max: ${COMMENT_MAX})`)
  .refine((s) => s.trim().length > 0, coded("NO_TEXT", "we need something here"));

export const MESSAGE_SUBJECT_MAX = 100;

/** A private message's subject: trimmed, 1..100 characters. Errors: NO_SUBJECT, TOO_LONG. */
export const messageSubjectSchema = z
  .string()
  .trim()
  .refine((s) => s.length > 0, { ...coded("NO_SUBJECT", "please enter a subject"), abort: true })
  .refine((s) => s.length <= MESSAGE_SUBJECT_MAX, coded("TOO_LONG", `the subject is too long (max: ${MESSAGE_SUBJECT_MAX})`));
