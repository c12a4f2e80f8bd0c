import { QUEUE_IDS } from '@cc1357/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AgentRecord, applyAgentEvent, newAgent } from '../../src/core/agent-state';
import { type CallEffect, type CallEvent, type LiveCall, applyCallEvent, newCall } from '../../src/core/call';

/**
 * Property over the pure call machine together with the agent machine, driven the way the stepper
 * and the ACD dispatcher drive them: the dispatcher reserves a Ready agent and offers a queued call;
 * every `agent` effect of a call step is applied to that agent's record. Any sequence of steps
 * (including stray, late and duplicated ARI-derived events, and a clock that may step back a little
 * as another node's would) keeps: no negative duration anywhere, an ended call stays ended, and no
 * agent is ever offered or talking on two calls at once.
 */

const CALLS = ['c0', 'c1'];
const AGENTS = ['1001', '1002'];
const CHANNELS = ['ch-a', 'ch-b', 'ch-c', 'ch-p'];
const T0 = Date.parse('2026-11-26T01:00:00.000Z');
const options = { wrapUpSeconds: 10 };

const callIdx = fc.integer({ min: 0, max: CALLS.length - 1 });
const agentIdx = fc.integer({ min: 0, max: AGENTS.length - 1 });
const channel = fc.constantFrom(...CHANNELS);
const reason = fc.constantFrom('noAnswer' as const, 'rejected' as const, 'failed' as const);

/**
 * A call-machine event, with ids drawn from small pools so that stray ones often match. Events that
 * move a call on weigh more than those that end it, so the walks reach transfers and conversations.
 */
const callEvent: fc.Arbitrary<CallEvent> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('ivrFinished' as const),
      queue: fc.option(fc.constantFrom(...QUEUE_IDS), { nil: null }),
      priority: fc.integer({ min: 0, max: 2 }),
      path: fc.array(fc.constantFrom('notice', 'main', 'fund'), { maxLength: 3 }),
      outcome: fc.constant({}),
      action: fc.option(
        fc.oneof(
          fc.record({
            kind: fc.constant('transfer' as const),
            partner: fc.constant('kodit'),
            endpoint: fc.constant('PJSIP/1588'),
            channelId: channel,
          }),
          fc.record({
            kind: fc.constant('callback' as const),
            number: fc.constant('01012345678'),
            queue: fc.constant('fund' as const),
          }),
        ),
        { nil: undefined, freq: 2 },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('selfServiceRequested' as const),
      action: fc.constant({ kind: 'sms' as const, number: '01012345678', topic: 'fund' }),
      path: fc.constant<string[]>(['main']),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('selfServiceDone' as const),
      result: fc.constantFrom('ok' as const, 'duplicate' as const, 'failed' as const),
      data: fc.constant({}),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ type: 'announced' as const }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('partnerAnswered' as const), channelId: channel }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('partnerLost' as const), channelId: channel, reason }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('partnerHangup' as const), channelId: channel }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('agentAnswered' as const), agentChannelId: channel }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('agentLost' as const), agentChannelId: channel, reason }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('ringTimeout' as const), agentChannelId: channel }) },
  { weight: 1, arbitrary: fc.constant({ type: 'callerHangup' as const }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('agentHangup' as const), agentChannelId: channel }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('hold' as const), held: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('mute' as const), muted: fc.boolean() }) },
);

type Step =
  /** `legOf`: take the agent / partner channel id of that call's current leg (a stray when another call's). */
  | { kind: 'call'; call: number; event: CallEvent; legOf: 'own' | number | null; dtMs: number }
  | { kind: 'dispatch'; call: number; agent: number; channel: string; dtMs: number }
  | { kind: 'agent'; agent: number; event: 'ready' | 'notReady' | 'wrapUpElapsed' | 'logout'; dtMs: number };

// Mostly forward, now and then a little backwards (another node's clock).
const dtMs = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 0, max: 90_000 }) },
  fc.integer({ min: -3_000, max: 0 }),
);

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('call' as const),
      call: callIdx,
      event: callEvent,
      legOf: fc.oneof(
        { weight: 6, arbitrary: fc.constant('own' as const) },
        { weight: 1, arbitrary: callIdx },
        { weight: 1, arbitrary: fc.constant(null) },
      ),
      dtMs,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('dispatch' as const), call: callIdx, agent: agentIdx, channel, dtMs }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('agent' as const),
      agent: agentIdx,
      event: fc.constantFrom('ready' as const, 'notReady' as const, 'wrapUpElapsed' as const, 'logout' as const),
      dtMs,
    }),
  },
);

/** Every number under a key that names a duration (…Seconds) in an effect. */
function durations(effect: CallEffect): number[] {
  const out: number[] = [];
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'number' && /seconds$/i.test(key)) out.push(v);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(effect, '');
  return out;
}

/** States the runs reached: the property is only worth something if the walks get past the IVR. */
const reached = new Set<string>();

function run(steps: Step[]) {
  let now = T0;
  const calls: LiveCall[] = CALLS.map((callId, i) =>
    newCall({ callId, node: 'n1', callerChannelId: `caller-${i}`, callerNumber: null }, new Date(now)),
  );
  const agents = new Map<string, AgentRecord>(
    AGENTS.map((id) => {
      const a = applyAgentEvent(
        newAgent(id, id, ['fund', 'general'], new Date(now)),
        { type: 'login', displayName: id, skills: ['fund', 'general'] },
        new Date(now),
      );
      if (!a.ok) throw new Error('login refused');
      const r = applyAgentEvent(a.agent, { type: 'ready' }, new Date(now));
      if (!r.ok) throw new Error('ready refused');
      return [id, r.agent];
    }),
  );
  const agentEvent = (id: string, event: Parameters<typeof applyAgentEvent>[1]) => {
    const result = applyAgentEvent(agents.get(id)!, event, new Date(now));
    if (result.ok) agents.set(id, result.agent);
    return result.ok;
  };

  for (const s of steps) {
    now += s.dtMs;
    const at = new Date(now);
    if (s.kind === 'agent') {
      agentEvent(AGENTS[s.agent]!, s.event === 'notReady' ? { type: 'notReady', reason: 'break' } : { type: s.event });
      continue;
    }
    const before = calls[s.call]!;
    let event: CallEvent =
      s.kind === 'call' ? s.event : { type: 'offer', agentId: AGENTS[s.agent]!, agentChannelId: s.channel };
    if (s.kind === 'call' && s.legOf !== null) {
      const leg = calls[s.legOf === 'own' ? s.call : s.legOf]!;
      if ('agentChannelId' in event && leg.agentChannelId) event = { ...event, agentChannelId: leg.agentChannelId };
      if ('channelId' in event && leg.partnerChannelId) event = { ...event, channelId: leg.partnerChannelId };
    }
    if (s.kind === 'dispatch') {
      // The ACD only offers a call it took from a queue, to an agent it could reserve.
      if (before.state !== 'queued' || !agentEvent(AGENTS[s.agent]!, { type: 'reserve', callId: before.callId }))
        continue;
      // Channel ids are fresh per offer in the app (randomUUID); keep them unique per call here.
      event = { ...event, agentChannelId: `${s.channel}-${before.callId}-${now}` } as CallEvent;
    }
    const { call, effects } = applyCallEvent(before, event, at, options);
    calls[s.call] = call;
    reached.add(call.state);
    for (const e of effects) if (e.type === 'agent') agentEvent(e.agentId, e.event);

    // An ended call stays ended, its end time fixed.
    if (before.state === 'ended') {
      expect(call.state).toBe('ended');
      expect(call.endedAt).toBe(before.endedAt);
    }
    // No negative duration in anything the step reports.
    for (const e of effects) for (const d of durations(e)) expect(d).toBeGreaterThanOrEqual(0);
    for (const c of calls) expect(c.heldSeconds ?? 0).toBeGreaterThanOrEqual(0);

    // An agent has at most one call that rings them or that they talk on.
    for (const id of AGENTS) {
      const theirs = calls.filter((c) => c.agentId === id && (c.state === 'offering' || c.state === 'connected'));
      expect(theirs.length, `agent ${id} on ${theirs.map((c) => c.callId).join(',')}`).toBeLessThanOrEqual(1);
      const agent = agents.get(id)!;
      if (agent.state === 'onCall' || agent.state === 'ringing') {
        const held = calls.find((c) => c.callId === agent.callId);
        expect(held?.agentId).toBe(id);
      }
    }
  }
}

describe('call machine under generated step sequences', () => {
  it('keeps its invariants', () => {
    fc.assert(
      // size 'max': sequences of any length up to 80 (fast-check's default keeps arrays short).
      fc.property(fc.array(step, { maxLength: 80, size: 'max' }), (steps) => run(steps)),
      { numRuns: 2000 },
    );
    expect([...reached].sort()).toEqual(
      [
        'announcing',
        'connected',
        'ended',
        'ivr',
        'offering',
        'queued',
        'selfService',
        'transferred',
        'transferring',
      ].sort(),
    );
  });
});
