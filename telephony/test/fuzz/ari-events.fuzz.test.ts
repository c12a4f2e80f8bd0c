import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AriEvent, HANDLED_EVENT_TYPES } from '../../src/adapters/ari/events';
import type { RawAriEvent } from '../../src/adapters/ari/port';
import { type FuzzNode, fuzzNode } from './fuzz-node';

/**
 * ARI events as Asterisk could send them and worse: the recorded real-Asterisk traces, mutated
 * (a field dropped, a field given any value, the type swapped), and arbitrary JSON. Whatever
 * arrives, the router must neither throw nor leave a promise rejected; an event of a handled type
 * that fails its schema is logged as malformed; and the node keeps working: the caller's own
 * hang-up still ends the call it was fuzzing.
 */

/**
 * The reference traces beside the project (shared/asterisk-traces, CC1357_TRACE_DIR elsewhere)
 * and the project's own recordings from the real tier (pbx-sim/test/traces), so a clone without
 * the shared folder still fuzzes with real Asterisk events.
 */
const TRACE_DIRS = [
  process.env.CC1357_TRACE_DIR ?? join(import.meta.dirname, '../../../../shared/asterisk-traces'),
  join(import.meta.dirname, '../../../pbx-sim/test/traces'),
].filter((dir) => existsSync(dir));

/** The trace's events as ARI delivers them (`event` back to `type`, the trace's own notes dropped). */
function traceEvents(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const dir of TRACE_DIRS)
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const trace = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { steps: Record<string, unknown>[] };
      for (const step of trace.steps) {
        if (typeof step.event !== 'string') continue;
        const { event, t: _t, noise: _n, unstable_order: _u, ws: _w, ...rest } = step;
        out.push({ type: event, ...rest });
      }
    }
  return out;
}

const TRACE_EVENTS = traceEvents();
const HANDLED = [...HANDLED_EVENT_TYPES];
/** Symbolic ids in the traces ('caller', 'agent', 'notice', …) become this run's ids (see `bind`). */
const ROLES = ['caller', 'agent', 'playback', 'other'] as const;

const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(null, undefined, '', 0, -1, Number.NaN, Infinity, true, [], {}),
  fc.string(),
);

type Mutation =
  | { kind: 'none' }
  | { kind: 'drop'; path: number }
  | { kind: 'set'; path: number; value: unknown }
  | { kind: 'retype'; type: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('drop' as const), path: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), path: fc.nat(), value: anyValue }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('retype' as const),
      type: fc.oneof(fc.constantFrom(...HANDLED), fc.string()),
    }),
  },
);

/** A generated input: a trace event (ids bound to a role), mutated; or any JSON at all. */
type Gen =
  | { kind: 'trace'; index: number; role: (typeof ROLES)[number]; mutations: Mutation[] }
  | { kind: 'raw'; value: unknown };

const gen: fc.Arbitrary<Gen> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('trace' as const),
      index: fc.integer({ min: 0, max: TRACE_EVENTS.length - 1 }),
      role: fc.constantFrom(...ROLES),
      mutations: fc.array(mutation, { maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('raw' as const),
      value: fc.oneof(
        fc.jsonValue(),
        fc.record({ type: fc.constantFrom(...HANDLED) }, { requiredKeys: ['type'] }),
        fc
          .tuple(fc.dictionary(fc.string(), fc.jsonValue()), fc.constantFrom(...HANDLED))
          .map(([d, type]) => ({ ...d, type })),
      ),
    }),
  },
);

/** Every [object, key] of an event, nested objects included (where `drop` and `set` apply). */
function slots(event: Record<string, unknown>): [Record<string, unknown>, string][] {
  const out: [Record<string, unknown>, string][] = [];
  const walk = (o: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(o)) {
      out.push([o, k]);
      if (v && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>);
    }
  };
  walk(event);
  return out;
}

function build(g: Gen, ids: Record<(typeof ROLES)[number] | 'callId', string>): unknown {
  if (g.kind === 'raw') return g.value;
  const event = structuredClone(TRACE_EVENTS[g.index]!);
  // Bind the ids: the run's caller / agent channel or its notice playback, so events reach a live call.
  for (const key of ['channel', 'playback', 'recording'] as const) {
    const o = event[key] as Record<string, unknown> | undefined;
    if (o && typeof o === 'object') {
      if ('id' in o) o.id = ids[g.role];
      if (key === 'recording') o.name = g.role === 'other' ? o.name : `cc/2026-11-26/${ids.callId}`;
    }
  }
  // An agent or partner leg arriving names its call in the args (as telephony's originate sets them).
  if (event.type === 'StasisStart' && (g.role === 'agent' || g.role === 'other'))
    event.args = [g.role === 'agent' ? 'agent' : 'partner', ids.callId];
  for (const m of g.mutations) {
    if (m.kind === 'retype') event.type = m.type;
    else if (m.kind !== 'none') {
      const all = slots(event);
      if (all.length === 0) continue;
      const [o, k] = all[m.path % all.length]!;
      if (m.kind === 'drop') delete o[k];
      else o[k] = m.value;
    }
  }
  return event;
}

describe('ARI event schema', () => {
  it('safeParse never throws, on anything', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withBoxedValues: true,
          withDate: true,
          withMap: true,
          withNullPrototype: true,
          withObjectString: true,
          withSet: true,
          withSparseArray: true,
          withTypedArray: true,
        }),
        (value) => {
          const parsed = AriEvent.safeParse(value);
          expect(typeof parsed.success).toBe('boolean');
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('ARI router under generated events (real node, real Redis)', () => {
  let node: FuzzNode;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => void rejections.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    node = await fuzzNode();
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await node?.close();
  });

  it('never throws, logs what it rejects, and the call still ends on hang-up', async () => {
    let run = 0;
    let fed = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(gen, { minLength: 1, maxLength: 12 }), async (gens) => {
        run += 1;
        const { ari, state } = node;
        const caller = `fz${run}-caller`;
        const channel = { id: caller, name: 'PJSIP/trunk-0001', state: 'Ring', caller: { number: '01012345678' } };
        ari.channels.set(caller, { id: caller, name: channel.name, state: 'Ring' });
        node.feed({ type: 'StasisStart', args: ['inbound'], channel });
        const notice = await node.until(() => ari.plays.find((p) => p.channelId === caller), 'notice prompt');
        const callId = await node.until(() => state.callIdOfChannel('node-a', caller), 'call id');
        const ids = { caller, agent: `fz${run}-agent`, playback: notice.playbackId, other: `fz${run}-other`, callId };

        for (const g of gens) {
          const raw = build(g, ids) as RawAriEvent;
          const warnsBefore = node.malformed();
          expect(() => node.feed(raw)).not.toThrow();
          fed += 1;
          const handled =
            !!raw && typeof raw === 'object' && typeof raw.type === 'string' && HANDLED_EVENT_TYPES.has(raw.type);
          if (handled && !AriEvent.safeParse(raw).success) expect(node.malformed()).toBe(warnsBefore + 1);
        }

        // The caller hangs up for real: whatever the fuzz did to the call, it ends and is forgotten.
        node.feed({ type: 'StasisEnd', channel });
        await node.until(async () => (await state.getCall(callId)) === null, `call ${callId} forgotten`);
        expect(rejections).toEqual([]);
      }),
      { numRuns: 300 },
    );
    expect(fed).toBeGreaterThan(300);
    expect(node.malformed()).toBeGreaterThan(100); // the mutations do reach the schema's refusals
    // A handler that failed is logged as an error by the router's guard: none may have. (An
    // ApplicationReplaced, trace-borne or generated, is logged as an error on purpose.)
    const replaced = 'another process took over the ARI application; this node no longer receives events';
    expect(node.errors().filter((l) => l.msg !== replaced)).toEqual([]);
  });
});
