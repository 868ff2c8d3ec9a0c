import type { Socket } from "node:net";
import type { Client } from "node-zookeeper-client";
import { zkLog as log } from "./logger.js";

/** ConnectionManager.STATES.CONNECTING in node-zookeeper-client 1.1.x (not exported). */
const CONNECTING = 1;
const CHECK_EVERY_MS = 500;

interface ConnectionManagerInternals {
  state: number;
  socket?: Socket;
}

/**
 * node-zookeeper-client clears its connect timeout once the TCP connection is up and arms no
 * timer until the server answers the session handshake. A server that accepts the connection
 * and never answers (seen when ZooKeeper restarts under load) leaves the client waiting forever.
 * This watchdog destroys a socket stuck in the handshake for longer than `timeoutMs`; the
 * library then reconnects by itself with the same session, exactly as after a connection loss.
 * Returns the function that stops it.
 */
export function watchHandshake(client: Client, timeoutMs: number): () => void {
  let watched: Socket | undefined;
  let since = 0;
  const timer = setInterval(() => {
    const cm = (client as unknown as { connectionManager?: ConnectionManagerInternals }).connectionManager;
    const socket = cm?.socket;
    const handshaking = cm?.state === CONNECTING && socket !== undefined && !socket.connecting && !socket.destroyed;
    if (!handshaking) {
      watched = undefined;
      return;
    }
    if (socket !== watched) {
      watched = socket;
      since = Date.now();
    } else if (Date.now() - since > timeoutMs) {
      log.warn({ waitedMs: Date.now() - since }, "zookeeper handshake unanswered; reconnecting");
      watched = undefined;
      socket.destroy();
    }
  }, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
