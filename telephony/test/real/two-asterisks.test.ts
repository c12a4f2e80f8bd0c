import { type QueueId, signAccessToken } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Center, type ConsoleClient, openConsole, SECRET, startCenter, until } from '../support/center';
import { doubleBookings, overtakings, phoneCalls, waitsWhileReady } from './support/floor-checks';
import { type FloorHistory, floorHistory, type Visit } from './support/floor-history';
import { type SippPbx, sippPbx } from './support/sipp-pbx';
import { choose, eventsOf, ivrNodes } from './support/steps';
import { startTelephonyNode, type TelephonyNode } from './support/telephony-process';
import { SLACK_MS, tierMissing } from './support/tier';
import { type PbxPair, startPbxPair } from './support/two-pbx';

// Without a build the files skip; the global setup says why, once.
const missing = tierMissing();

type Side = 'a' | 'b';

/** The agents, their skills and the node their console is connected to. */
const AGENTS: { id: string; skills: QueueId[]; console: Side }[] = [
  { id: '1001', skills: ['fund', 'hr'], console: 'a' },
  { id: '1002', skills: ['fund'], console: 'a' },
  { id: '1003', skills: ['hr'], console: 'b' },
];
/** Twelve callers, alternately on each PBX; two in three ask for 정책자금 (1 → fund), one in three for 인력 (6 → hr). */
const CALLERS = Array.from({ length: 12 }, (_, i) => ({
  number: `0109998${String(1000 + i).slice(-4)}`,
  pbx: (i % 2 === 0 ? 'a' : 'b') as Side,
  queue: (i % 3 === 2 ? 'hr' : 'fund') as 'fund' | 'hr',
  // Scenario inputs, not waits: callers come a little apart and talk for different lengths, so
  // agents come free at different moments while callers of both nodes wait.
  arriveAfterMs: i * 400,
  talkMs: 2_000 + (i % 3) * 600,
}));
const DIGIT = { fund: '1', hr: '6' } as const;
const WRAP_UP_SECONDS = 1;
/**
 * How long a caller may wait while an agent able to take them sits Ready before it counts as left
 * behind: one ACD pass (read the floor, check the phone, reserve, ring) on a loaded 2-core machine
 * running two Asterisks, two nodes, crm-api and SIPp (measured: 24–137 ms alone, 225 ms in a full
 * tier run). Not a speed budget: a caller the ACD forgot waits for the next agent change or the
 * node's 2 s tick.
 */
const GRACE_MS = 1_000;

/**
 * Issue 16, real tier: two Asterisk 22 instances, each with its own telephony process over ARI,
 * sharing one Redis and one crm-api; SIPp callers on both PBXs, three agents whose desk phones are
 * registered with both (support/two-pbx.ts says why) and whose consoles are on either node. The
 * callers' visits run once, at real time; each promise is then checked on what was recorded
 * (support/floor-checks.ts).
 */
describe.skipIf(missing)('real time: two Asterisks and two telephony processes sharing one floor', () => {
  let pair: PbxPair;
  let pbx: Record<Side, SippPbx>;
  let center: Center;
  let nodes: Partial<Record<Side, TelephonyNode>> = {};
  const consoles = new Map<string, ConsoleClient>();
  const visits: (Visit & { pbx: Side; number: string })[] = [];
  let history: FloorHistory;

  const node = (side: Side) => {
    const started = nodes[side];
    if (!started) throw new Error(`telephony node ${side} did not start`);
    return started;
  };
  const sawOnAConsole = (event: string, callId: string) =>
    [...consoles.values()].some((c) =>
      c.received.some((r) => r.event === event && (r.payload as { callId?: string }).callId === callId),
    );

  /** One caller: through the IVR to their queue, talks to the agent who answers, hangs up. */
  const visit = async (caller: (typeof CALLERS)[number], visitBound: number) => {
    await new Promise((r) => setTimeout(r, caller.arriveAfterMs));
    const side = pbx[caller.pbx];
    const channel = await side.placeCall(caller.number);
    const callId = await until(
      () => center.state.callIdOfChannel(node(caller.pbx).node, channel),
      `telephony's call for ${caller.number}`,
      pair.through(),
    );
    await choose(
      center,
      (d) => side.dtmf(channel, d),
      callId,
      'main-menu',
      DIGIT[caller.queue],
      pair.through('notice'),
    ).catch(async (err: unknown) => {
      const path = (await ivrNodes(center, callId)).join(' → ');
      const events = (await eventsOf(center, callId)).map((e) => e.type).join(', ');
      throw new Error(`${caller.number} on PBX ${caller.pbx}: ${String(err)}; IVR ${path}; events ${events}`);
    });
    // The call's place as the ACD orders it: kept on the live call (Redis) until the call ends.
    const queued = await until(
      async () => {
        const call = await center.state.getCall(callId);
        return call?.enqueuedAt ? call : null;
      },
      `${caller.number} in the ${caller.queue} queue`,
      pair.through('connecting'),
    );
    visits.push({
      callId,
      queue: caller.queue,
      enqueuedAt: Date.parse(queued.enqueuedAt!),
      priority: queued.priority,
      pbx: caller.pbx,
      number: caller.number,
    });
    await until(() => sawOnAConsole('call.connected.v1', callId), `${caller.number} talking to an agent`, visitBound);
    await new Promise((r) => setTimeout(r, caller.talkMs));
    await side.hangup(channel);
    await until(() => sawOnAConsole('call.ended.v1', callId), `${caller.number}'s call ended`, pair.through());
  };

  beforeAll(async () => {
    pair = await startPbxPair(AGENTS.map((a) => a.id));
    pbx = { a: sippPbx(pair.side('a')), b: sippPbx(pair.side('b')) };
    center = await startCenter({ pbx: async () => pbx.a, timeScale: 1 });
    // Twelve callers behind three agents: a short handle time until calls teach the real one keeps
    // the IVR's wait estimate under the flows' 300 s call-back offer.
    const env = { WRAP_UP_SECONDS: String(WRAP_UP_SECONDS), HANDLE_TIME_PRIOR_SECONDS: '20' };
    const [a, b] = await Promise.allSettled([
      startTelephonyNode(pair.a, center, env, SLACK_MS * 2),
      startTelephonyNode(pair.b, center, env, SLACK_MS * 2),
    ]);
    nodes = {
      ...(a.status === 'fulfilled' ? { a: a.value } : {}),
      ...(b.status === 'fulfilled' ? { b: b.value } : {}),
    };
    if (a.status === 'rejected') throw a.reason;
    if (b.status === 'rejected') throw b.reason;
    expect(node('a').node).not.toBe(node('b').node);

    for (const agent of AGENTS) {
      const token = await signAccessToken(
        {
          sub: `u-${agent.id}`,
          username: `agent${agent.id}`,
          role: 'counselor',
          agentId: agent.id,
          skills: agent.skills,
        },
        SECRET,
        600,
      );
      const desk = await openConsole(node(agent.console).url, token, agent.id);
      consoles.set(agent.id, desk);
      expect(await desk.command('agent.ready.v1', {})).toEqual({ ok: true });
    }

    // A bound for a caller's whole visit, only as a failure timeout: the IVR's prompts, then every
    // caller talking and wrapping up one after another, with the tier's slack.
    const visitBound =
      pair.through('notice', 'connecting') +
      CALLERS.reduce((sum, c) => sum + c.talkMs + WRAP_UP_SECONDS * 1000, 0) +
      SLACK_MS;
    await Promise.all(CALLERS.map((caller) => visit(caller, visitBound)));
    history = await floorHistory(
      center,
      visits,
      AGENTS.map((a) => a.id),
      pair.through() + WRAP_UP_SECONDS * 1000,
    );
    // A hang guard, not a budget: the hook holds the whole scenario (two PBXs and nodes starting, the visits).
  }, 180_000);
  afterAll(async () => {
    for (const c of consoles.values()) c.socket.disconnect();
    await Promise.all(Object.values(nodes).map((n) => n.stop()));
    await center?.close();
    await pair?.close();
  });

  /** The visits in queue order with their offers and the agents' changes: the message of a failed check. */
  const timeline = () => {
    const t0 = Math.min(...visits.map((v) => v.enqueuedAt));
    const calls = [...history.calls]
      .sort((x, y) => x.enqueuedAt - y.enqueuedAt)
      .map((c) => {
        const v = visits.find((w) => w.callId === c.callId)!;
        return `${c.callId.slice(0, 8)} ${c.queue} on ${v.pbx}: queued +${c.enqueuedAt - t0} ms, offered +${c.offeredAt - t0} ms to ${c.agentId}, ended +${c.endedAt - t0} ms`;
      });
    const changes = history.changes.filter((c) => c.at >= t0).map((c) => `${c.agentId} ${c.state} +${c.at - t0} ms`);
    return ['calls:', ...calls, 'agents:', ...changes].join('\n');
  };

  it('every caller reaches an agent with the skill of their queue, offered once, never abandoned', () => {
    expect(history.unserved).toEqual([]);
    for (const [callId, events] of history.events) {
      const types = events.map((e) => e.type);
      expect(types, callId).not.toContain('call.abandoned');
      expect(events.find((e) => e.type === 'queue.entered')?.queue, callId).toBe(
        visits.find((v) => v.callId === callId)!.queue,
      );
      const offered = events.find((e) => e.type === 'agent.offered')!.agentId;
      expect(events.find((e) => e.type === 'call.connected')!.agentId, callId).toBe(offered);
    }
    for (const call of history.calls)
      expect(AGENTS.find((a) => a.id === call.agentId)?.skills, call.callId).toContain(call.queue);
    expect(history.calls).toHaveLength(CALLERS.length);
  });

  it('the callers raced: several waited at once, on both nodes', () => {
    const waitingAt = (t: number) => history.calls.filter((c) => c.enqueuedAt <= t && t < c.offeredAt);
    const pbxOf = (callId: string) => visits.find((v) => v.callId === callId)!.pbx;
    const crowds = history.calls.map((c) => waitingAt(c.enqueuedAt));
    const mostAtOnce = Math.max(...crowds.map((w) => w.length));
    const bothNodes = crowds.some((w) => new Set(w.map((c) => pbxOf(c.callId))).size === 2);
    const longestWaitMs = Math.max(...history.calls.map((c) => c.offeredAt - c.enqueuedAt));
    console.info(`two Asterisks: at most ${mostAtOnce} callers waited at once; the longest wait ${longestWaitMs} ms`);
    expect(mostAtOnce).toBeGreaterThanOrEqual(3);
    expect(bothNodes).toBe(true);
  });

  it('no agent ever has two calls: their phone never meets a second INVITE, and the events agree', () => {
    for (const agent of AGENTS) {
      const phone = phoneCalls(pair.phones.get(agent.id)!.sipp.logLines());
      const served = history.calls.filter((c) => c.agentId === agent.id).length;
      expect({ agent: agent.id, ...phone }).toEqual({ agent: agent.id, secondInvites: [], answered: served });
    }
    expect(doubleBookings(history.calls), timeline()).toEqual([]);
    expect(history.agentsSettled, `every agent back to Ready after each of their calls\n${timeline()}`).toBe(true);
  });

  it('nobody waits while an agent with the skill of their queue sits Ready', () => {
    const skills = new Map(AGENTS.map((a) => [a.id, a.skills as string[]]));
    const lingering = waitsWhileReady(
      history.calls,
      history.changes,
      (agentId, queue) => !!skills.get(agentId)?.includes(queue),
      history.readAt,
    );
    console.info(`two Asterisks: the longest wait while a matching agent was Ready ${lingering[0]?.ms ?? 0} ms`);
    expect(
      lingering.filter((w) => w.ms > GRACE_MS),
      timeline(),
    ).toEqual([]);
  });

  // Each node's ACD picks over every live node's waiting callers and reserves only its own
  // callers' picks (AcdDispatcher, adapters/redis/node-beats). When each offered only its own,
  // the nodes raced for a freed agent and this failed in 4 of 6 runs.
  it('first in, first out per queue across nodes', () => {
    const short = (callId: string) => {
      const v = visits.find((w) => w.callId === callId)!;
      return `${callId.slice(0, 8)} (${v.queue} on ${v.pbx})`;
    };
    const overtaken = overtakings(history.calls, history.changes).map(
      (o) =>
        `${short(o.behind)} was offered an agent while ${short(o.ahead)}, ahead of it, waited for an agent Ready only ${o.aheadAgentReadyAt - o.behindOfferedAt} ms later`,
    );
    expect(overtaken, timeline()).toEqual([]);
  });
});
