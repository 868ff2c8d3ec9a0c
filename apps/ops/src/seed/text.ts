import { domainOf } from "@hivemind/core";
import type { Random } from "./random.js";
import { OPINIONS, PEOPLE, PLACES, REACTIONS, type Topic } from "./vocabulary.js";

/** A post title about the topic. */
export function postTitle(topic: Topic, rng: Random): string {
  const noun = rng.pick(topic.nouns);
  const other = rng.pick(topic.nouns);
  const n = rng.int(2, 40);
  const templates = [
    `What's the best ${noun} for a beginner?`,
    `TIL the ${noun} was invented by accident`,
    `I spent ${n} weeks on this ${noun} and I'm finally happy with it`,
    `Is it just me or is ${noun} ${rng.pick(OPINIONS)}?`,
    `${capitalize(noun)} vs ${other}: which one and why?`,
    `Found this ${noun} in ${rng.pick(PLACES)}`,
    `PSA: check your ${noun} before it's too late`,
    `My ${noun} after ${n} days`,
    `${capitalize(rng.pick(PEOPLE))} said my ${noun} was ${rng.pick(OPINIONS)}. Thoughts?`,
    `Why does nobody talk about the ${noun}?`,
    `New study on ${noun} changes what we know about ${other}`,
    `${n} things I wish I knew about ${noun} earlier`,
    `Finally finished my ${noun} project`,
    `Unpopular opinion: ${noun} is ${rng.pick(OPINIONS)}`,
    `Help! My ${noun} stopped working after ${n} days`,
    `The ${noun} in ${rng.pick(PLACES)} is ${rng.pick(OPINIONS)}`,
  ];
  return rng.pick(templates);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function token(rng: Random, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += ALPHABET[rng.int(0, ALPHABET.length)];
  return s;
}

/** A plausible url on one of the topic's sites (or a general one), with its domain as stored on the post. */
export function linkUrl(topic: Topic, title: string, rng: Random): { url: string; domain: string } {
  const host = rng.chance(0.8) ? rng.pick(topic.domains) : rng.pick(["youtube.com", "en.wikipedia.org", "nytimes.com", "i.imgur.com"]);
  const date = `${rng.int(2024, 2026)}/${rng.int(1, 13)}/${rng.int(1, 29)}`;
  let url: string;
  if (host === "youtube.com") url = `https://www.youtube.com/watch?v=${token(rng, 11)}`;
  else if (host === "i.imgur.com" || host === "i.redd.it") url = `https://${host}/${token(rng, 7)}.${rng.pick(["jpg", "png", "gif"])}`;
  else if (host === "en.wikipedia.org") url = `https://en.wikipedia.org/wiki/${encodeURIComponent(capitalize(slug(title).replace(/-/g, "_")))}`;
  else if (host === "github.com") url = `https://github.com/${token(rng, 6).toLowerCase()}/${slug(title).slice(0, 30)}`;
  else if (host === "arxiv.org") url = `https://arxiv.org/abs/${rng.int(2401, 2613)}.${rng.int(10000, 99999)}`;
  else url = `https://${rng.chance(0.5) ? "www." : ""}${host}/${date}/${slug(title)}`;
  return { url, domain: domainOf(url) };
}

function sentence(topic: Topic, rng: Random): string {
  const noun = rng.pick(topic.nouns);
  const templates = [
    `I've been into ${noun} for about ${rng.int(2, 15)} years now.`,
    `The ${noun} I got last month is ${rng.pick(OPINIONS)}.`,
    `${capitalize(rng.pick(PEOPLE))} thinks the ${noun} is ${rng.pick(OPINIONS)}, and I'm starting to agree.`,
    `Does anyone know a good guide for ${noun}?`,
    `Last time I tried this in ${rng.pick(PLACES)} it went badly.`,
    `Price-wise it was around $${rng.int(10, 900)}, which felt fair.`,
    `Honestly the ${noun} part took the longest.`,
    `I read somewhere that ${noun} and ${rng.pick(topic.nouns)} go well together.`,
    `It's ${rng.pick(OPINIONS)}, but your mileage may vary.`,
    `Happy to answer questions if anyone is curious.`,
  ];
  return rng.pick(templates);
}

function paragraph(topic: Topic, rng: Random): string {
  const count = rng.int(2, 5);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(sentence(topic, rng));
  return parts.join(" ");
}

/** A self post's markdown body: paragraphs, sometimes a list, a link, a code block, an edit. */
export function selfPostBody(topic: Topic, rng: Random): string {
  if (rng.chance(0.08)) return "";
  const blocks: string[] = [paragraph(topic, rng)];
  if (rng.chance(0.3)) {
    const items = rng.int(2, 5);
    const list: string[] = [];
    for (let i = 0; i < items; i++) list.push(`- **${capitalize(rng.pick(topic.nouns))}**: ${rng.pick(OPINIONS)}`);
    blocks.push(`Quick summary:\n\n${list.join("\n")}`);
  }
  if (rng.chance(0.5)) blocks.push(paragraph(topic, rng));
  if (rng.chance(0.15)) blocks.push(`More details [here](https://${rng.pick(topic.domains)}/${rng.int(1000, 99999)}).`);
  if (topic.key === "programming" || topic.key === "linux") {
    if (rng.chance(0.4)) blocks.push("```\n$ make test\nFAIL: 1 of 42 tests failed\n```");
  }
  if (rng.chance(0.1)) blocks.push(`**Edit:** thanks everyone, this blew up! I'll try to reply to all of you.`);
  return blocks.join("\n\n");
}

/** A comment's markdown: a reaction, a sentence or two, sometimes quoting. */
export function commentBody(topic: Topic, rng: Random): string {
  const roll = rng.next();
  if (roll < 0.2) return rng.pick(REACTIONS);
  if (roll < 0.3) return `> ${sentence(topic, rng)}\n\n${rng.pick(REACTIONS)} ${sentence(topic, rng)}`;
  if (roll < 0.35) return `${sentence(topic, rng)}\n\n*${rng.pick(OPINIONS)}*`;
  return rng.chance(0.5) ? sentence(topic, rng) : `${sentence(topic, rng)} ${sentence(topic, rng)}`;
}

/** A stickied weekly thread's title and body. */
export function weeklyThread(communityName: string, rng: Random): { title: string; body: string } {
  const kind = rng.pick(["Weekly discussion thread", "Weekly questions thread", "Weekly show-off thread"]);
  return {
    title: `${kind}: ask anything, share anything`,
    body: `Welcome to the r/${communityName} ${kind.toLowerCase()}.\n\n- Be kind.\n- Search before asking.\n- Top-level comments only for new questions.`,
  };
}
