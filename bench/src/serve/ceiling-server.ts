// The ceiling: a bare node:http server answering every request with one captured response
// (status, headers, body) from memory. Run as a child of the serve benchmark, which sends it the
// responses over IPC and switches between them before each ceiling cell; it prints its port.
import http from "node:http";
import type { CapturedResponse } from "./capture.js";

interface Prepared {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const responses = new Map<string, Prepared>();
let current: Prepared = { status: 404, headers: { "content-type": "text/plain" }, body: Buffer.from("no response selected\n") };

const server = http.createServer((req, res) => {
  req.resume();
  res.writeHead(current.status, current.headers);
  res.end(current.body);
});
server.keepAliveTimeout = 75_000;

type Message = { add: string; response: CapturedResponse } | { use: string };

process.on("message", (m: Message) => {
  if ("add" in m) {
    const body = Buffer.from(m.response.bodyBase64, "base64");
    responses.set(m.add, { status: m.response.status, headers: { ...m.response.headers, "content-length": String(body.length) }, body });
  } else {
    const next = responses.get(m.use);
    if (!next) throw new Error(`ceiling: no response ${m.use}`);
    current = next;
  }
  process.send?.({ ok: true });
});
process.on("disconnect", () => {
  server.close();
  server.closeAllConnections();
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
