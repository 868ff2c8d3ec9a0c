import { COMMUNITY_NAME_RE, RESERVED_COMMUNITY_NAMES, USERNAME_RE, nameKey } from "@hivemind/core";
import type { Random } from "./random.js";
import { ADJECTIVES, ANIMALS, COMMUNITY_PREFIXES, COMMUNITY_STEMS, CURATED_COMMUNITIES, HANDLE_WORDS, TOPICS, type Topic } from "./vocabulary.js";

export interface CommunityIdentity {
  name: string;
  title: string;
  description: string;
  topic: Topic;
}

function topicByKey(key: string): Topic {
  const topic = TOPICS.find((t) => t.key === key);
  if (!topic) throw new Error(`unknown topic ${key}`);
  return topic;
}

/**
 * Community names, titles and descriptions: the curated ones first (pics,
 * AskHivemind, worldnews, programming…), then generated "PrefixStem" names,
 * all unique case-insensitively and valid community names.
 */
export function communityIdentities(count: number, rng: Random): CommunityIdentity[] {
  const out: CommunityIdentity[] = [];
  const taken = new Set<string>();
  for (const [name, topicKey, title] of CURATED_COMMUNITIES.slice(0, count)) {
    taken.add(nameKey(name));
    const topic = topicByKey(topicKey);
    out.push({ name, title, description: describeCommunity(name, topic, rng), topic });
  }
  while (out.length < count) {
    let name = `${rng.pick(COMMUNITY_PREFIXES)}${rng.pick(COMMUNITY_STEMS)}`;
    if (taken.has(nameKey(name))) name = `${name}${rng.int(2, 100)}`;
    if (taken.has(nameKey(name)) || !COMMUNITY_NAME_RE.test(name) || RESERVED_COMMUNITY_NAMES.has(nameKey(name))) continue;
    taken.add(nameKey(name));
    const topic = rng.pick(TOPICS);
    const title = name.replace(/([a-z])([A-Z])/g, "$1 $2");
    out.push({ name, title, description: describeCommunity(name, topic, rng), topic });
  }
  return out;
}

function describeCommunity(name: string, topic: Topic, rng: Random): string {
  const [a, b, c] = [rng.pick(topic.nouns), rng.pick(topic.nouns), rng.pick(topic.nouns)];
  return [
    `Welcome to r/${name}! A place for everything about ${a}, ${b} and ${c}.`,
    "",
    "**Rules**",
    "",
    "1. Be civil. Attack ideas, not people.",
    "2. No spam or self-promotion beyond the weekly thread.",
    "3. Use a descriptive title.",
    `4. Stay on topic: posts must be about ${topic.key}.`,
  ].join("\n");
}

/** `count` unique usernames ("quiet_otter42", "PixelNacho", "throwaway_8812"), skipping those already `taken` (lowercase). */
export function usernames(count: number, rng: Random, taken: Set<string>): string[] {
  const out: string[] = [];
  while (out.length < count) {
    const name = username(rng);
    const key = nameKey(name);
    if (taken.has(key) || !USERNAME_RE.test(name)) continue;
    taken.add(key);
    out.push(name);
  }
  return out;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function username(rng: Random): string {
  const adjective = rng.pick(ADJECTIVES);
  const animal = rng.pick(ANIMALS);
  const word = rng.pick(HANDLE_WORDS);
  const n = rng.int(1, 10_000);
  switch (rng.int(0, 6)) {
    case 0:
      return `${adjective}_${animal}${n % 100}`;
    case 1:
      return `${capitalize(word)}${capitalize(animal)}`;
    case 2:
      return `throwaway_${n}`;
    case 3:
      return `${capitalize(adjective)}${capitalize(word)}${n}`;
    case 4:
      return `${word}-${animal}-${n % 1000}`;
    default:
      return `${animal}${word}${n}`.slice(0, 20);
  }
}
