import { knob } from '../args';
import { startFloor, type FloorCall } from '../harness/floor';
import { offersBeforePreviousEnd, reservedOutOfPlace } from '../../telephony/test/support/floor-invariants';
import { agentSpans, placesAndReservations } from '../../telephony/test/support/multi-node-floor';
import type { Scenario } from '../types';
import { runStep, withoutCalls } from './control-plane';

/**
 * `scale-out`: 1, 2 and 3 telephony processes (each on its own pbx-sim, as nodes on their own
 * Asterisk) sharing one Redis and one crm-api; callers spread round-robin over the nodes,
 * agents' consoles over the nodes' socket.io servers. Each node count gets the same burst of
 * `--so-cps` × `--so-s` calls. throughput_N = calls on their path ÷ seconds from the first dial
 * to the last connect (setups/s the nodes completed).
 * violations = offers to an agent before its previous call ended + pairs of calls in one queue
 * served out of order (entered earlier, reserved later), both from the events telephony wrote.
 * (An agent's console may see a new offer from one node before the end of its last call from
 * another: that is event delivery order, kept as `consoleOverlaps` in the detail, not counted.)
 */
export const scaleOut: Scenario = {
  name: 'scale-out',
  async run(ctx) {
    const cps = knob(ctx, 'so-cps', { quick: 6, full: 40 });
    const seconds = knob(ctx, 'so-s', { quick: 5, full: 20 });
    const talkMs = knob(ctx, 'so-talk-ms', { quick: 1_000, full: 3_000 });
    const maxNodes = knob(ctx, 'so-nodes', { quick: 3, full: 3 });
    const callTimeoutMs = knob(ctx, 'call-timeout-s', { quick: 30, full: 120 }) * 1000;
    const agents = Math.ceil(cps * (talkMs / 1000 + 5) * 1.5);
    const figures: Record<string, number> = {};
    const runs: unknown[] = [];
    let violations = 0;
    for (let nodes = 1; nodes <= maxNodes; nodes++) {
      const floor = await startFloor({
        nodes,
        agents,
        timeScale: knob(ctx, 'time-scale', { quick: 0.2, full: 0.2 }),
        callTimeoutMs,
        log: ctx.log,
      });
      try {
        const step = await runStep(floor, cps, seconds, talkMs, Infinity, nodes, (i) => i % nodes);
        const calls = step.calls ?? [];
        const connected = calls.filter((c) => c.connectedAt !== null).map((c) => c.connectedAt!);
        const first = Math.min(...calls.map((c) => c.placedAt));
        const span = (Math.max(...connected) - first) / 1000;
        const throughput = connected.length ? Math.round((step.onPath / span) * 10) / 10 : 0;
        const outOfOrder = await outOfOrderPairs(floor, calls);
        const twoCalls = await agentOverlaps(floor, calls);
        violations += twoCalls + outOfOrder;
        figures[`throughput_${nodes}`] = throughput;
        runs.push({
          nodes,
          ...withoutCalls(step),
          throughput,
          twoCalls,
          consoleOverlaps: floor.doubleOffers,
          outOfOrder,
        });
        ctx.log(
          `${nodes} node(s): ${step.onPath}/${step.placed} on path, ${throughput} setups/s, agent with two calls ${twoCalls} (console saw ${floor.doubleOffers}), out of order ${outOfOrder}${step.why ? ` (${step.why})` : ''}`,
        );
      } finally {
        await floor.close();
      }
    }
    figures.violations = violations;
    return { figures, detail: { offeredCps: cps, seconds, talkMs, agents, runs } };
  },
};

/**
 * Pairs of calls in one queue where the one with the later place got its agent first
 * (`reservedOutOfPlace`): places as the queue held them (`queue.entered` data.enqueuedAt and
 * priority), agents in the order Redis reserved them (`agent.offered` data.reservation, one counter
 * for every node). The offers themselves go out concurrently, and one whose call was busy (an
 * announcement starting) steps a few ms later, which is not the ACD's order.
 */
async function outOfOrderPairs(floor: Awaited<ReturnType<typeof startFloor>>, calls: FloorCall[]): Promise<number> {
  const ids = calls.map((c) => c.callId).filter((id): id is string => id !== null);
  return reservedOutOfPlace(await placesAndReservations(floor.center, ids)).length;
}

/** Offers to an agent made before that agent's previous call ended (telephony's timestamps). */
async function agentOverlaps(floor: Awaited<ReturnType<typeof startFloor>>, calls: FloorCall[]): Promise<number> {
  // Only calls that ended: agentSpans waits for each one's `call.ended`.
  const ids = calls.flatMap((c) => (c.callId !== null && c.endedAt !== null ? [c.callId] : []));
  return offersBeforePreviousEnd(await agentSpans(floor.center, ids)).length;
}
