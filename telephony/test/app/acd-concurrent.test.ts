import { afterEach, describe, expect, it } from 'vitest';
import type { Versioned } from '../../src/adapters/redis/live-state';
import { pickForEach } from '../../src/app/calls/acd-dispatcher';
import { type AgentRecord, newAgent } from '../../src/core/agent-state';
import { type LiveCall, newCall } from '../../src/core/call';
import { callerReachesFundQueue, type Center } from '../support/call-steps';
import { buildCallCenter, until } from '../support/service-harness';

const T = new Date('2026-11-26T01:00:00.000Z');
const agent = (id: string, idleSince: string, skills = ['fund']): Versioned<AgentRecord> => ({
  value: { ...newAgent(id, id, skills, T), state: 'ready', since: idleSince },
  version: 1,
});
const call = (id: string, missedBy: string[] = []): LiveCall => ({
  ...newCall({ callId: id, node: 'n', callerChannelId: `ch-${id}`, callerNumber: null }, T),
  state: 'queued',
  queue: 'fund',
  missedBy,
});

describe('pickForEach: one agent per waiting call from one snapshot', () => {
  const floor = [
    agent('1001', '2026-11-26T00:59:03.000Z'),
    agent('1002', '2026-11-26T00:59:01.000Z'), // idle longest
    agent('1003', '2026-11-26T00:59:02.000Z'),
    agent('1004', '2026-11-26T00:00:00.000Z', ['hr']),
  ];
  const ids = (picks: ReturnType<typeof pickForEach>) => picks.map((p) => `${p.call.callId}→${p.agent.value.agentId}`);

  it('in queue order, longest idle first, nobody twice, only the skill', () => {
    expect(ids(pickForEach([call('a'), call('b'), call('c'), call('d')], floor, 'fund', new Set()))).toEqual([
      'a→1002',
      'b→1003',
      'c→1001',
    ]);
  });

  it('passes over agents passed over this pass, and those who let the call ring out while others are free', () => {
    expect(ids(pickForEach([call('a', ['1002']), call('b')], floor, 'fund', new Set(['1003'])))).toEqual([
      'a→1001',
      'b→1002',
    ]);
    // The only one left let it ring out: they get it again rather than leave the caller waiting.
    expect(ids(pickForEach([call('a', ['1002'])], [floor[1]!], 'fund', new Set()))).toEqual(['a→1002']);
  });
});

let center: Center | null = null;
afterEach(async () => center?.close());

it("offers a pass's waiting calls concurrently: the second pick's phone check does not wait for the first's", async () => {
  const c = await buildCallCenter();
  center = c;
  const { ari, state } = c.mocks;
  const first = await callerReachesFundQueue(c, 'caller-1');
  const second = await callerReachesFundQueue(c, 'caller-2');
  await until(async () => (await state.queueLength('fund')) === 2 || undefined, 'both callers queued');

  // The phone checks answer only once two are asked at the same time: one offer at a time would
  // wait on the first for ever.
  const endpoint = ari.endpoint.bind(ari);
  const held: (() => void)[] = [];
  ari.endpoint = (name) =>
    new Promise((resolve, reject) => {
      held.push(() => void endpoint(name).then(resolve, reject));
      if (held.length === 2) for (const go of held) go();
    });
  // Two Ready agents written straight to Redis (no nudge), then one ACD pass.
  for (const id of ['1001', '1002']) await state.casAgent({ ...newAgent(id, id, ['fund'], T), state: 'ready' }, 0);
  await c.sut.dispatcher.dispatch();

  const rung = await until(() => (ari.originates.length >= 2 ? ari.originates : undefined), 'both phones ring');
  expect(rung.map((o) => o.appArgs).sort()).toEqual([`agent,${first}`, `agent,${second}`].sort());
  expect(rung.map((o) => o.endpoint).sort()).toEqual(['PJSIP/1001', 'PJSIP/1002']);
  expect(await state.queueLength('fund')).toBe(0);
});
