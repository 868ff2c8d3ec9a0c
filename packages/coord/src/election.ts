import os from "node:os";
import { performance } from "node:perf_hooks";
import { electionLog as log } from "./logger.js";
import { CreateMode, type Coord, type TxOp } from "./zk.js";

/** One stretch of leadership. A new term begins each time this process becomes leader. */
export interface LeaderTerm {
  /** Aborted the moment leadership is lost; pass it to anything the job starts. */
  readonly signal: AbortSignal;
  /**
   * True while the lease holds. Check it right before every side effect: it is computed from
   * the clock, so it turns false on time even if this process was paused or cut off and has
   * not yet heard anything from ZooKeeper.
   */
  isLeader(): boolean;
  /**
   * A transaction operation that fails unless this term's election node still exists. A ZooKeeper
   * write made with it (`coord.transaction([term.fence(), …])`) cannot land after the session
   * that won the election has expired: a fencing token for ZooKeeper writes.
   */
  fence(): TxOp;
  /** This candidate's znode, e.g. /hivemind/dev/election/sentinel/n_0000000003. */
  readonly node: string;
}

export interface ElectionOptions {
  /** Shown in the candidate's znode data (default host:pid). */
  id?: string;
}

export interface Election {
  readonly job: string;
  readonly id: string;
  /** True while this process holds a valid lease on the job. */
  isLeader(): boolean;
  /** Leave the election (ends the term first, if leader). */
  resign(): Promise<void>;
}

/**
 * Leader election for a singleton job (the ZooKeeper recipe): each candidate creates an
 * ephemeral sequential node under `<root>/election/<job>`; the lowest sequence leads; every
 * other candidate watches only its predecessor (no herd when the leader goes), and re-checks when
 * it disappears. When the leader's process dies its session expires after the session timeout,
 * its node vanishes, and the next candidate takes over.
 *
 * Never two leaders: the server deletes a leader's node no earlier than one session timeout T
 * after it last heard from that session. The leader holds a lease that it renews by a heartbeat
 * (`exists` on its own node every T/6): an answer to a request sent at t proves the session was
 * alive at t, so the node cannot go before t + T. The lease runs to t + T/2 and `isLeader()`
 * checks it against the monotonic clock; when it lapses (no answers: ZooKeeper hung, network
 * cut, this process paused), or the connection drops (`disconnected`, which may or may not
 * become an expiry: we cannot tell, so we assume the worst), `onLost` runs and the term's signal
 * aborts. That leaves a margin of at least T/2 between the old leader stopping and the new one
 * being able to start, for work already under way to notice the signal. If the connection comes
 * back within the session, the node is still there and leadership resumes in a new term; after an
 * expiry the candidate re-enters with a new node at the back of the line.
 */
export function elect(
  coord: Coord,
  job: string,
  onLeader: (term: LeaderTerm) => void | Promise<void>,
  onLost: (reason: string) => void,
  opts: ElectionOptions = {},
): Election {
  const dir = coord.paths.election(job);
  const id = opts.id ?? `${os.hostname()}:${process.pid}`;
  let node: string | undefined;
  let resigned = false;
  let term: { ctl: AbortController; deadline: number; heartbeat: NodeJS.Timeout; leaseTimer: NodeJS.Timeout | undefined } | undefined;
  let running = false;
  let again = false;

  const leaseMs = () => coord.negotiatedSessionTimeoutMs / 2;

  const lose = (reason: string) => {
    const t = term;
    if (!t) return;
    term = undefined;
    clearInterval(t.heartbeat);
    clearTimeout(t.leaseTimer);
    t.ctl.abort(new Error(`leadership of ${job} lost: ${reason}`));
    log.warn({ job, id, reason }, "leadership lost");
    try {
      onLost(reason);
    } catch (err) {
      log.error({ err, job }, "onLost failed");
    }
  };

  const armLease = () => {
    if (!term) return;
    clearTimeout(term.leaseTimer);
    term.leaseTimer = setTimeout(() => {
      if (term && performance.now() >= term.deadline) lose("lease lapsed: no answer from zookeeper");
      else armLease();
    }, Math.max(1, (term?.deadline ?? 0) - performance.now()));
  };

  const becomeLeader = (provenAt: number, myNode: string) => {
    const ctl = new AbortController();
    const heartbeat = setInterval(() => {
      const sentAt = performance.now();
      coord.exists(myNode).then(
        (stat) => {
          if (!term || term.ctl !== ctl) return;
          if (!stat) lose("election node gone (session expired)");
          else {
            term.deadline = Math.max(term.deadline, sentAt + leaseMs());
          }
        },
        () => undefined, // no answer: the lease runs out on its own
      );
    }, Math.max(50, coord.negotiatedSessionTimeoutMs / 6));
    term = { ctl, deadline: provenAt + leaseMs(), heartbeat, leaseTimer: undefined };
    armLease();
    log.info({ job, id, node: myNode }, "became leader");
    const leaderTerm: LeaderTerm = {
      signal: ctl.signal,
      node: myNode,
      isLeader: () => term?.ctl === ctl && performance.now() < term.deadline,
      fence: () => ({ op: "check", path: myNode }),
    };
    Promise.resolve()
      .then(() => onLeader(leaderTerm))
      .catch((err: unknown) => log.error({ err, job }, "onLeader failed"));
  };

  /** One pass of the recipe; serialized (a request while running queues one more pass). */
  const check = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        if (resigned) return;
        await step();
      } while (again);
    } catch (err) {
      log.warn({ err, job }, "election step failed; retrying when connected");
    } finally {
      running = false;
    }
  };

  const onPredecessorEvent = () => void check();

  const step = async () => {
    if (!node) {
      await coord.mkdirp(dir);
      node = await coord.create(`${dir}/n_`, Buffer.from(JSON.stringify({ id, pid: process.pid })), CreateMode.EPHEMERAL_SEQUENTIAL);
      log.debug({ job, node }, "candidate");
    }
    const sentAt = performance.now();
    const children = ((await coord.getChildren(dir)) ?? []).filter((c) => c.startsWith("n_")).sort();
    const mine = node.slice(dir.length + 1);
    const idx = children.indexOf(mine);
    if (idx < 0) {
      // Our node is gone: the session that made it expired. Stand again.
      lose("election node gone (session expired)");
      node = undefined;
      again = true;
      return;
    }
    if (idx === 0) {
      if (!term && coord.connected) becomeLeader(sentAt, node);
      return;
    }
    if (term) lose("another candidate is ahead"); // cannot happen while our node exists; be safe
    const predecessor = `${dir}/${children[idx - 1]}`;
    const stat = await coord.exists(predecessor, onPredecessorEvent);
    if (!stat) again = true;
  };

  const offs = [
    coord.on("disconnected", () => lose("connection to zookeeper lost")),
    coord.on("expired", () => {
      lose("session expired");
      node = undefined;
    }),
    coord.on("connected", () => void check()),
  ];
  if (coord.connected) void check();
  else if (coord.state === "closed") void coord.start();

  return {
    job,
    id,
    isLeader: () => term !== undefined && performance.now() < term.deadline,
    async resign() {
      resigned = true;
      for (const off of offs) off();
      lose("resigned");
      const mine = node;
      node = undefined;
      if (mine) await coord.remove(mine).catch(() => undefined);
    },
  };
}
