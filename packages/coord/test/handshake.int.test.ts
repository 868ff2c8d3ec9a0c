import net from "node:net";
import { afterAll, expect, it } from "vitest";
import { Coord } from "../src/index.js";
import { freePort, stackZk, testEnv, waitUntil } from "./helpers.js";

/**
 * A TCP relay to the stack's ZooKeeper that swallows its first connection: it accepts it and
 * never answers, as a restarting server under load sometimes does.
 */
async function swallowFirstConnection(): Promise<{ port: number; swallowed: () => boolean; close: () => void }> {
  const [zkHost, zkPort] = stackZk().split(",")[0]!.split(":");
  const sockets: net.Socket[] = [];
  let accepted = 0;
  const server = net.createServer((client) => {
    sockets.push(client);
    if (accepted++ === 0) return;
    const upstream = net.connect({ host: zkHost, port: Number(zkPort) });
    sockets.push(upstream);
    client.pipe(upstream).pipe(client);
    const close = () => (client.destroy(), upstream.destroy());
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { port, swallowed: () => accepted >= 1, close: () => (server.close(), sockets.forEach((s) => s.destroy())) };
}

let relay: Awaited<ReturnType<typeof swallowFirstConnection>> | undefined;
let coord: Coord | undefined;
afterAll(async () => {
  await coord?.destroy();
  relay?.close();
});

it("a session handshake that gets no answer is abandoned and retried, so the client connects", { timeout: 30_000 }, async () => {
  relay = await swallowFirstConnection();
  coord = new Coord({ connectString: `127.0.0.1:${relay.port}`, root: `/hivemind/${testEnv("hs")}` });
  const started = Date.now();
  void coord.start(0);
  await waitUntil("the first connection is swallowed", relay.swallowed, 5_000);
  await waitUntil("connected through the second connection", () => coord!.connected, 15_000, 50);
  const tookMs = Date.now() - started;
  console.log(`connected ${tookMs} ms after an unanswered handshake`);
  expect(tookMs).toBeGreaterThan(2_000);
});
