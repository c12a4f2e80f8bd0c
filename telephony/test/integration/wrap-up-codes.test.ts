import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Center, reachQueue, startCenter, until } from '../support/center';

/**
 * Issue 16: the counselor's wrap-up code (후처리 코드) reaches crm-api's `wrapUp.ended` call event,
 * an unknown code is refused naming the field, and a queue's own after-call work
 * (ACW_SECONDS_BY_QUEUE) sets the wrap-up countdown of that queue's calls.
 */
describe('wrap-up codes and after-call work per queue (telephony + pbx-sim + crm-api)', () => {
  let center: Center;
  beforeEach(async () => {
    center = await startCenter({ wrapUpSeconds: 10 });
    // fund's wrap-up is long enough (scaled) that it is still running when the code is picked.
    await center.startTelephony(undefined, { env: { ACW_SECONDS_BY_QUEUE: 'fund:3600,export:30' } });
  });
  afterEach(async () => center?.close());

  it("uses the queue's ACW length, refuses an unknown code, stores the picked code in wrapUp.ended", async () => {
    const agent = await center.agentConsole('1001');
    await agent.next('agent.state.v1', (s: { state: string }) => s.state === 'notReady');
    await center.pbx.setPhone('1001', 'manual');
    expect(await agent.command('agent.ready.v1', {})).toEqual({ ok: true });

    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const callId = await reachQueue(center, caller);
    expect((await center.state.getCall(callId))?.queue).toBe('fund');
    await agent.next('call.offered.v1', (o: { callId: string }) => o.callId === callId);
    expect(await agent.command('call.answer.v1', { callId })).toEqual({ ok: true });
    await agent.next('agent.state.v1', (s: { state: string }) => s.state === 'onCall');

    await center.pbx.hangup(caller);
    const ended = await agent.next<{ callId: string; wrapUpSeconds: number }>('call.ended.v1');
    expect(ended).toMatchObject({ callId, wrapUpSeconds: 3600 }); // fund's, not WRAP_UP_SECONDS (10)
    const wrap = await agent.next<{ state: string; wrapUpCode?: string | null; wrapUpUntil?: string }>(
      'agent.state.v1',
      (s: { state: string }) => s.state === 'wrapUp',
    );
    expect(wrap.wrapUpCode).toBeNull(); // nothing preselected

    // An unknown code: the command's usual BAD_REQUEST, naming the field; the agent stays in wrap-up.
    const bad = (await agent.command('agent.wrapUp.code.v1', { callId, code: 'happy' })) as {
      ok: boolean;
      error?: { code: string; message: string };
    };
    expect(bad.ok).toBe(false);
    expect(bad.error?.code).toBe('BAD_REQUEST');
    // "invalid agent.wrapUp.code.v1: code: …": the field, not only the command, is named.
    expect(bad.error?.message).toMatch(/\.v1: code: /);
    // A code for a call that is not this agent's wrap-up is refused too.
    const other = (await agent.command('agent.wrapUp.code.v1', { callId: 'not-mine', code: 'resolved' })) as {
      ok: boolean;
      error?: { code: string };
    };
    expect(other).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });

    expect(await agent.command('agent.wrapUp.code.v1', { callId, code: 'wrongNumber' })).toEqual({ ok: true });
    // Picking again replaces it.
    expect(await agent.command('agent.wrapUp.code.v1', { callId, code: 'followUp' })).toEqual({ ok: true });
    await agent.next(
      'agent.state.v1',
      (s: { state: string; wrapUpCode?: string }) => s.state === 'wrapUp' && s.wrapUpCode === 'followUp',
    );
    expect(await agent.command('agent.ready.v1', {})).toEqual({ ok: true });
    await agent.stateBecomes('ready');

    const row = await until(async () => {
      const { rows } = await center.db.query<{ data: Record<string, unknown>; agent_id: string | null }>(
        "SELECT data, agent_id FROM call_events WHERE call_id = $1 AND type = 'wrapUp.ended'",
        [callId],
      );
      return rows[0];
    }, 'wrapUp.ended in crm-api');
    expect(row.data).toMatchObject({ code: 'followUp', next: 'ready' });
    expect(row.agent_id).toBe('1001');
  });
});
