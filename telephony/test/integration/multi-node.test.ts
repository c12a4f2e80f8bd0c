import type { QueueId } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FloorSnapshot,
  type IdleWhileWaiting,
  type Overtake,
  agentsWithTwoCalls,
  consoleOverlaps,
  idleWhileWaiting,
  offersBeforePreviousEnd,
  overtakes,
  reservedOutOfPlace,
} from '../support/floor-invariants';
import {
  type AgentSpec,
  type MultiNodeFloor,
  placesAndReservations,
  startMultiNodeFloor,
} from '../support/multi-node-floor';

/**
 * Issue 16, "several processes, one truth": three telephony processes, each on its own pbx-sim,
 * sharing one Redis and one crm-api, take a stream of callers spread over them into four queues
 * served by counselors with different skill sets and levels, with fewer counselors than the
 * traffic needs at its peaks so that callers queue on every node at once. Counted from what
 * telephony recorded (atomic Redis snapshots, crm-api's call events) and what the consoles saw:
 * (1) an agent with two calls, (2) a caller served out of queue order (in the snapshots, and in
 * the events: a later place reserved before an earlier one, by Redis's reservation numbers across
 * every node), (3) a caller left waiting
 * while a matching agent sat Ready — definitions in test/support/floor-invariants.ts. Each must be 0.
 *
 * Checked to fail: with the reservation's version check removed from LiveState's RESERVE script,
 * 300 calls gave 18 agents with two calls in Redis, 95 offers before the previous call's end and
 * 263 console overlaps; with the ACD choosing among its own node's callers only (as before issue
 * 16's FIFO fix), 230 calls served out of order, 226 of them across nodes. The events' count found
 * what the snapshots cannot see: a place stamped on one node that reached the queue after another
 * node's later place had been served (16 pairs in 800 calls over 3 nodes in the bench's
 * `scale-out`), until the queue put a new place behind every place already taken (TAKE_PLACE);
 * with that step removed again, this test found 1 such pair in 1,000 calls and failed.
 */
/** MULTI_NODE_CALLS=… runs a bigger (or smaller) floor. */
const CALLS = Number(process.env.MULTI_NODE_CALLS ?? 1_000);
const NODES = 3;
/** Callers in the system at once (IVR, queue or talk): ~3× the agents. */
const IN_FLIGHT = 60;
const TIME_SCALE = 0.05;
/**
 * Violations still seen: run and reported, not asserted (as the drills' KNOWN_GAPS). Empty:
 * callers served out of order across nodes (8 per 1,000 while each node reserved only its own
 * callers and left the others' picks to them) went to 0 once every node reserved every node's
 * callers in one queue order.
 */
const KNOWN_GAPS = new Set<string>();

// Menu digits (ivr-flows/flows/main.yaml): 1 fund, 3 merchant, 6 hr, 0 general (known callers
// get priority 1 there: a minute ahead, which legitimately reorders that queue).
const DIGIT: Record<string, QueueId> = { '1': 'fund', '3': 'merchant', '6': 'hr', '0': 'general' };
const SKILL_SETS: { skills: QueueId[]; levels?: Partial<Record<QueueId, number>> }[] = [
  { skills: ['fund', 'general'], levels: { fund: 5 } },
  { skills: ['merchant', 'general'] },
  { skills: ['hr', 'fund'], levels: { hr: 4, fund: 2 } },
  { skills: ['general'] },
  { skills: ['fund', 'merchant', 'hr', 'general'], levels: { general: 1 } },
  { skills: ['merchant', 'hr'], levels: { merchant: 5 } },
];
const AGENTS: AgentSpec[] = Array.from({ length: 18 }, (_, i) => ({
  id: String(3001 + i),
  ...SKILL_SETS[i % SKILL_SETS.length]!,
}));

/** Each node's dispatch passes; a scrape that failed (a busy node reset the socket) is asked again, a few times. */
async function passesNow(f: MultiNodeFloor): Promise<number[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await f.passes();
    } catch (err) {
      if (attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Deterministic spread (no Math.random: a failure replays). */
function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

describe('several telephony processes, one truth (issue 16)', () => {
  let floor: MultiNodeFloor | undefined;
  beforeAll(async () => {
    floor = await startMultiNodeFloor({
      nodes: NODES,
      agents: AGENTS,
      timeScale: TIME_SCALE,
      talkMs: (callId) => 200 + (hash(callId) % 900),
      callTimeoutMs: 120_000,
    });
  });
  afterAll(async () => floor?.close());

  it(`${CALLS} calls over ${NODES} nodes: no agent with two calls, first in first out per queue, nobody waiting while a matching agent is Ready`, async () => {
    const f = floor!;
    const digits = Object.keys(DIGIT);
    const known = f.center.callers.known;

    // The observer: snapshot, then wait until every node finished a pass started after it.
    let running = true;
    let snapshots = 0;
    const twoCalls = new Set<string>();
    const overtaken: Overtake[] = [];
    const idle: IdleWhileWaiting[] = [];
    let maxQueued = 0;
    const observer = (async () => {
      let [older, prev]: (FloorSnapshot | null)[] = [null, null];
      while (running) {
        const s = await f.snapshot();
        snapshots++;
        const counts = await passesNow(f);
        for (const a of agentsWithTwoCalls(s)) twoCalls.add(a);
        maxQueued = Math.max(
          maxQueued,
          [...s.queued.values()].reduce((n, q) => n + q.length, 0),
        );
        if (older && prev) overtaken.push(...overtakes(older, prev, s));
        if (prev) idle.push(...idleWhileWaiting(prev, s));
        [older, prev] = [prev, s];
        while (running) {
          const now = await passesNow(f);
          if (now.every((n, i) => n >= counts[i]! + 2)) break;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    })();

    const started = performance.now();
    // Callers keep coming while IN_FLIGHT are in the IVR, queued or talking: more than the agents
    // can take at once, so every queue has callers waiting on every node whatever the machine's
    // speed (a fixed arrival rate queued nobody on a quiet machine and everybody on a busy one).
    const pending: Promise<string>[] = [];
    let next = 0;
    const place = (i: number) => {
      const digit = digits[hash(`d${i}`) % digits.length]!;
      // A known caller pressing 0 is queued with priority 1.
      const from = digit === '0' && i % 5 === 0 ? known[i % known.length]! : `0105${String(i).padStart(7, '0')}`;
      return f.call(from, i % NODES, digit);
    };
    const caller = async (): Promise<void> => {
      while (next < CALLS) {
        const p = place(next++);
        pending.push(p);
        await p.catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, caller));
    const results = await Promise.allSettled(pending);
    running = false;
    await observer;
    const failed = results.filter((r) => r.status === 'rejected').map((r) => String(r.reason));
    const callIds = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const spans = await f.spans(callIds);
    const lateOffers = offersBeforePreviousEnd(spans);
    const outOfPlace = reservedOutOfPlace(await placesAndReservations(f.center, callIds));
    const seen = [...f.consoles.entries()].flatMap(([agent, c]) =>
      consoleOverlaps(c.received).map((callId) => ({ agent, callId })),
    );
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    console.log(
      `multi-node: ${callIds.length}/${CALLS} calls over ${NODES} nodes in ${seconds} s, ${snapshots} snapshots, ` +
        `up to ${maxQueued} queued at once, ${f.notReady} missed offers; violations: two calls ${twoCalls.size} + ` +
        `${lateOffers.length} (events) + ${seen.length} (consoles), out of order ${overtaken.length} ` +
        `(${overtaken.filter((o) => o.nodes[0] !== o.nodes[1]).length} across nodes) + ${outOfPlace.length} (events), ` +
        `waiting while a match was Ready ${idle.length}`,
    );
    expect(failed.slice(0, 5)).toEqual([]);
    expect(spans).toHaveLength(CALLS);
    // The observer looked often enough to see queues, and calls were queued while it looked.
    expect(snapshots).toBeGreaterThan(10);
    expect(maxQueued).toBeGreaterThan(0);
    const violations: Record<string, unknown[]> = {
      twoCallsInRedis: [...twoCalls],
      offersBeforePreviousEnd: lateOffers,
      consoleOverlaps: seen,
      outOfOrder: overtaken,
      reservedOutOfPlace: outOfPlace,
      waitingWhileReady: idle,
    };
    const asserted = Object.entries(violations).filter(([name]) => !KNOWN_GAPS.has(name));
    for (const [name, list] of Object.entries(violations))
      if (KNOWN_GAPS.has(name) && list.length) console.log(`known gap ${name}: ${JSON.stringify(list.slice(0, 3))}`);
    expect(Object.fromEntries(asserted.map(([name, list]) => [name, list.slice(0, 5)]))).toEqual(
      Object.fromEntries(asserted.map(([name]) => [name, []])),
    );
  }, 900_000);
});
