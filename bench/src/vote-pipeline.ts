// Vote pipeline benchmark: how fast committed votes become counts.
//
// Measured: N votes committed through writeVote, the web's vote write (vote
// row + outbox event in one transaction), then
// relayed to Kafka and applied by the tally, until every count is settled.
// Baseline, same run, same machine: the same N messages produced to and
// consumed from Kafka with no database at all. The ratio says what the
// transactional outbox and the exactly-once tally cost over raw Kafka.
//
//   npm run -w @hivemind/bench vote-pipeline -- [votes=5000]
import { randomUUID } from "node:crypto";
import { createDb, createPool, createTestDatabase, newEvent, writeVote } from "@hivemind/db";
import { createIdGenerator, formatFullname, toBase36, TOPICS } from "@hivemind/core";
import { createEventProducer, createKafka } from "@hivemind/queue";
import { createWorker } from "@hivemind/worker";

const votes = Number(process.argv[2] ?? 5000);
if (!Number.isInteger(votes) || votes < 100 || votes > 100_000) throw new Error("votes: an integer from 100 to 100000");
const CONCURRENCY = 16;

function progress(label: string, done: number, total: number) {
  process.stdout.write(`\r  ${label}: ${done}/${total}`.padEnd(60));
  if (done === total) process.stdout.write("\n");
}

async function baseline(): Promise<number> {
  const kafka = createKafka("bench-baseline");
  const topic = TOPICS.votes;
  const producer = createEventProducer(kafka);
  await producer.connect();
  const marker = randomUUID();
  const consumer = kafka.consumer({ groupId: `bench-${marker}`, maxWaitTimeInMs: 50 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  let seen = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((r) => (finish = r));
  const joined = new Promise<void>((r) => consumer.on(consumer.events.GROUP_JOIN, () => r()));
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) if (m.headers?.["event-id"]?.toString() === marker) seen++;
      if (seen >= votes) finish();
    },
  });
  await joined;
  await new Promise((r) => setTimeout(r, 1000)); // let the fetcher settle at the end offsets
  const t0 = performance.now();
  // Every baseline message carries the run's marker as its event id.
  for (let i = 0; i < votes; i += 500) {
    const n = Math.min(500, votes - i);
    await producer.publish(Array.from({ length: n }, (_, j) => ({ eventId: marker, topic, key: `t3_bench${(i + j) % 64}`, payload: { bench: true } })));
    progress("baseline produce", i + n, votes);
  }
  await finished;
  const ms = performance.now() - t0;
  await consumer.disconnect();
  await producer.disconnect();
  return ms;
}

async function measured(): Promise<{ commitMs: number; settleMs: number }> {
  const database = await createTestDatabase();
  const db = createDb(database.url);
  const pool = createPool({ url: database.url, max: CONCURRENCY });
  const ids = createIdGenerator({ workerId: 1023, clock: Date.now });
  try {
    const author = { id: ids.next(), name: "bench_author", nameLower: "bench_author", passwordHash: "!bench" };
    const voters = Array.from({ length: votes }, (_, i) => ({ id: ids.next(), name: `bench_${i}`, nameLower: `bench_${i}`, passwordHash: "!bench" }));
    await db.user.createMany({ data: [author, ...voters] });
    const community = await db.community.create({ data: { id: ids.next(), name: "bench", nameLower: "bench", title: "bench", creatorId: author.id } });
    const posts = await Promise.all(
      Array.from({ length: 64 }, async () =>
        db.post.create({ data: { id: ids.next(), communityId: community.id, authorId: author.id, title: "bench", kind: "self", body: "" } }),
      ),
    );
    const worker = createWorker({ databaseUrl: database.url, tallyGroup: `bench-${randomUUID()}`, tallyFromLatest: true });
    await worker.start();

    const t0 = performance.now();
    let next = 0;
    let done = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < votes) {
          const i = next++;
          const voter = voters[i]!;
          const post = posts[i % posts.length]!;
          await writeVote(pool, {
            thingId: post.id,
            userId: voter.id,
            kind: 3,
            dir: 1,
            now: Date.now(),
            event: newEvent("vote.cast", {
              thing: formatFullname("t3", post.id),
              user: toBase36(voter.id),
              dir: 1,
              prev: 0,
              author: toBase36(author.id),
              community: toBase36(community.id),
            }),
          });
          if (++done % 250 === 0 || done === votes) progress("committing votes", done, votes);
        }
      }),
    );
    const commitMs = performance.now() - t0;
    for (;;) {
      const [row] = await db.$queryRaw<{ pending: bigint }[]>`SELECT count(*) AS pending FROM votes WHERE dir <> counted_dir`;
      progress("tally settling", votes - Number(row!.pending), votes);
      if (row!.pending === 0n) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const settleMs = performance.now() - t0;
    await worker.destroy();
    return { commitMs, settleMs };
  } finally {
    await pool.end();
    await db.$disconnect();
    await database.drop();
  }
}

console.log(`vote pipeline benchmark: ${votes} votes, ${CONCURRENCY} concurrent writers, 64 posts\n`);
const baseMs = await baseline();
const { commitMs, settleMs } = await measured();
const rate = (ms: number) => Math.round((votes / ms) * 1000);
const rows = [
  ["baseline: raw Kafka produce → consume", baseMs, 1],
  ["votes committed (writeVote: row + outbox)", commitMs, commitMs / baseMs],
  ["votes committed → counted by the tally", settleMs, settleMs / baseMs],
] as const;
console.log(`\n${"step".padEnd(46)} ${"ms".padStart(8)} ${"votes/s".padStart(9)} ${"× baseline".padStart(11)}`);
for (const [name, ms, ratio] of rows) {
  console.log(`${name.padEnd(46)} ${ms.toFixed(0).padStart(8)} ${String(rate(ms)).padStart(9)} ${ratio.toFixed(2).padStart(11)}`);
}
