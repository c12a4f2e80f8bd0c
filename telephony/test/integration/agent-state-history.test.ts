import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Center, reachQueue, startCenter, until } from '../support/center';

interface Row {
  from_state: string;
  state: string;
  reason: string | null;
  call_id: string | null;
  at: Date;
}

/**
 * Puts an agent's stored changes in order: by time, and within one instant (a reservation and
 * its ring can share a millisecond) by following `from` → `state`. Throws when the rows do not
 * form one chain from `offline` — a lost, doubled or misdated change.
 */
function chainOf(rows: readonly Row[]): Row[] {
  const left = [...rows].sort((a, b) => a.at.getTime() - b.at.getTime());
  const out: Row[] = [];
  let state = 'offline';
  while (left.length > 0) {
    const at = left[0]!.at.getTime();
    const i = left.findIndex((r) => r.at.getTime() === at && r.from_state === state);
    if (i < 0) throw new Error(`no change from ${state} at ${new Date(at).toISOString()}: ${JSON.stringify(rows)}`);
    const [next] = left.splice(i, 1);
    out.push(next!);
    state = next!.state;
  }
  return out;
}

/**
 * Issue 16: every agent state change telephony commits — the console's log-in and commands, the
 * ACD's reservation, the ring, the answer, the call's end — reaches crm-api's agent_state_changes
 * through the outbox, once each and in order, with reasons and call ids.
 */
describe('agent state history (telephony + pbx-sim + crm-api)', () => {
  let center: Center;
  beforeEach(async () => {
    center = await startCenter({ wrapUpSeconds: 3600 });
    await center.startTelephony();
  });
  afterEach(async () => center?.close());

  it('log-in → Ready → reserved → ringing → on call → wrap-up → Ready → Not ready (break), in crm-api in order', async () => {
    const agent = await center.agentConsole('1001');
    await agent.next('agent.state.v1', (s: { state: string }) => s.state === 'notReady');
    await center.pbx.setPhone('1001', 'manual');
    expect(await agent.command('agent.ready.v1', {})).toEqual({ ok: true });

    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const callId = await reachQueue(center, caller);
    await agent.next('call.offered.v1', (o: { callId: string }) => o.callId === callId);
    expect(await agent.command('call.answer.v1', { callId })).toEqual({ ok: true });
    await agent.next('agent.state.v1', (s: { state: string }) => s.state === 'onCall');
    await center.pbx.hangup(caller);
    await agent.next('agent.state.v1', (s: { state: string }) => s.state === 'wrapUp');
    expect(await agent.command('agent.ready.v1', {})).toEqual({ ok: true });
    await agent.stateBecomes('ready');
    expect(await agent.command('agent.notReady.v1', { reason: 'break' })).toEqual({ ok: true });
    await agent.stateBecomes('notReady');

    const rows = await until(async () => {
      const { rows } = await center.db.query<Row>(
        `SELECT from_state, state, reason, call_id, at FROM agent_state_changes WHERE agent_id = '1001'`,
      );
      return rows.length >= 8 ? rows : undefined;
    }, 'eight agent state changes in crm-api');
    const chain = chainOf(rows);
    expect(chain.map((r) => [r.from_state, r.state, r.reason, r.call_id])).toEqual([
      ['offline', 'notReady', null, null],
      ['notReady', 'ready', null, null],
      ['ready', 'reserved', null, callId],
      ['reserved', 'ringing', null, callId],
      ['ringing', 'onCall', null, callId],
      ['onCall', 'wrapUp', null, callId],
      ['wrapUp', 'ready', null, null],
      ['ready', 'notReady', 'break', null],
    ]);
    // Each change is dated when the state began, as the console was told (its `since`).
    const told = agent.received
      .filter((r) => r.event === 'agent.state.v1')
      .map((r) => r.payload as { state: string; since: string });
    for (const r of chain)
      expect(told.some((s) => s.state === r.state && Date.parse(s.since) === r.at.getTime())).toBe(true);
    // Nothing is left waiting, and nothing was stored twice.
    await until(
      async () => (await center.redis.llen(`${center.prefix}agents:state-outbox`)) === 0 || undefined,
      'the agent state outbox drained',
    );
    const { rows: after } = await center.db.query(`SELECT id FROM agent_state_changes WHERE agent_id = '1001'`);
    expect(after).toHaveLength(8);
  });
});
