import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Center, eventTypes, startCenter, until } from '../support/center';
import { capturedLog } from '../support/captured-log';
import { CONTEXT, blindToQueue, bridgeMembers, connectedCall } from '../support/transfer-scenario';

/** A counselor's blind transfers over pbx-sim with the real ari-client (test/real runs them on Asterisk). */
describe('blind transfer over pbx-sim', () => {
  let center: Center;
  const log = capturedLog();
  beforeEach(async () => {
    center = await startCenter();
    await center.startTelephony(center.pbx, { deps: { logger: log.logger } });
  });
  afterEach(async () => {
    await center?.close();
  });

  it('to a queue: music, the next counselor gets the offer with the context, the first goes to wrap-up', async () => {
    await center.pbx.setPhone('1001', 'manual');
    await center.pbx.setPhone('1002', 'manual');
    const first = await center.agentConsole('1001');
    const second = await center.agentConsole('1002', ['export']);
    expect(await first.command('agent.ready.v1', {})).toEqual({ ok: true });
    expect(await second.command('agent.ready.v1', {})).toEqual({ ok: true });
    const legs = await connectedCall(center, first, 10_000);
    await blindToQueue(center, first, second, legs, 10_000, async (callId) => {
      expect(await second.command('call.answer.v1', { callId })).toEqual({ ok: true });
    });

    await center.pbx.hangup(legs.caller);
    await second.next('call.ended.v1', (p: { callId: string }) => p.callId === legs.callId);
    await until(async () => (await eventTypes(center, legs.callId)).includes('call.ended'), 'call.ended stored');
    const types = await eventTypes(center, legs.callId);
    expect(types.filter((t) => t === 'call.transferred')).toHaveLength(1);
    expect(types.filter((t) => t === 'call.connected')).toHaveLength(2);
    const { rows } = await center.db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM call_events WHERE call_id = $1 AND type = 'call.transferred'`,
      [legs.callId],
    );
    expect(rows[0]!.data).toMatchObject({ from: '1001', target: { kind: 'queue', queue: 'export' }, mode: 'blind' });
    expect(log.errors()).toEqual([]);
  });

  it('to a named counselor who does not answer: rings only them, then the caller is back in the queue', async () => {
    await center.pbx.setPhone('1001', 'manual');
    await center.pbx.setPhone('1002', 'noAnswer');
    await center.pbx.setPhone('1003', 'manual');
    const first = await center.agentConsole('1001');
    const named = await center.agentConsole('1002', ['export']);
    expect(await first.command('agent.ready.v1', {})).toEqual({ ok: true });
    expect(await named.command('agent.ready.v1', {})).toEqual({ ok: true });
    const legs = await connectedCall(center, first, 10_000);
    // Another counselor with the call's skill is Ready: the named transfer still rings only 1002.
    const other = await center.agentConsole('1003', ['fund']);
    expect(await other.command('agent.ready.v1', {})).toEqual({ ok: true });

    const targets = new Promise<{ agents: { agentId: string }[]; queues: string[] }>((r) =>
      first.socket.once('call.transferTargets.v1', r),
    );
    expect(await first.command('call.transferTargets.v1', { callId: legs.callId })).toEqual({ ok: true });
    expect((await targets).agents.map((a) => a.agentId).sort()).toEqual(['1002', '1003']);
    expect((await targets).queues).toContain('export');

    const command = { callId: legs.callId, target: { kind: 'agent', agentId: '1002' }, context: CONTEXT };
    expect(await first.command('call.transfer.v1', command)).toEqual({ ok: true });
    const offer = await named.next<{ callId: string; transfer?: { fromAgentId: string } }>(
      'call.offered.v1',
      (p) => p.callId === legs.callId,
    );
    expect(offer.transfer).toMatchObject({ fromAgentId: '1001', notes: CONTEXT.notes });
    await first.stateBecomes('wrapUp');
    expect(other.received.some((r) => r.event === 'call.offered.v1')).toBe(false);

    // The ring runs out: the named counselor is told, and the caller goes back to the fund queue,
    // where the other Ready counselor gets it — with the transfer's context still on the offer.
    await named.next('call.ended.v1', (p: { callId: string; reason: string }) => p.reason === 'noAnswer');
    const fallback = await other.next<{ callId: string; transfer?: { fromAgentId: string } }>(
      'call.offered.v1',
      (p) => p.callId === legs.callId,
    );
    expect(fallback.transfer).toMatchObject({ fromAgentId: '1001' });
    expect(await bridgeMembers(center, `${legs.callId}-hold`)).toContain(legs.caller);
    expect(await other.command('call.answer.v1', { callId: legs.callId })).toEqual({ ok: true });
    await until(async () => {
      const call = await center.state.getCall(legs.callId);
      return call?.state === 'connected' && (await bridgeMembers(center, call.mixingBridgeId!))?.includes(legs.caller);
    }, 'caller bridged with 1003');
    const types = await until(async () => {
      const t = await eventTypes(center, legs.callId);
      return t.includes('agent.noAnswer') ? t : null;
    }, 'noAnswer stored');
    expect(types).toContain('call.transferred');
    await center.pbx.hangup(legs.caller);
    await other.next('call.ended.v1', (p: { callId: string }) => p.callId === legs.callId);
    expect(log.errors()).toEqual([]);
  });

  it('refuses an unknown, not-Ready or own target clearly and keeps the caller with the counselor', async () => {
    await center.pbx.setPhone('1001', 'manual');
    const first = await center.agentConsole('1001');
    const busy = await center.agentConsole('1002', ['export']);
    expect(await busy.command('agent.notReady.v1', { reason: 'meal' })).toEqual({ ok: true });
    expect(await first.command('agent.ready.v1', {})).toEqual({ ok: true });
    const legs = await connectedCall(center, first, 10_000);
    const transfer = (target: unknown, mode = 'blind') =>
      first.command('call.transfer.v1', { callId: legs.callId, target, mode });

    expect(await transfer({ kind: 'agent', agentId: '9999' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('no counselor 9999') },
    });
    expect(await transfer({ kind: 'agent', agentId: '1002' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE', message: expect.stringContaining('notReady, not ready') },
    });
    expect(await transfer({ kind: 'agent', agentId: '1001' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('yourself') },
    });
    expect(await transfer({ kind: 'queue', queue: 'export' }, 'attended')).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('named counselor') },
    });
    expect(
      await busy.command('call.transfer.v1', { callId: legs.callId, target: { kind: 'queue', queue: 'hr' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await first.next('command.error.v1', (p: { command: string }) => p.command === 'call.transfer.v1');

    const call = await center.state.getCall(legs.callId);
    expect(call).toMatchObject({ state: 'connected', agentId: '1001', agentChannelId: legs.agentLeg });
    expect(await bridgeMembers(center, `${legs.callId}-mix`)).toEqual(
      expect.arrayContaining([legs.caller, legs.agentLeg]),
    );
    expect((await center.state.getAgent('1002'))?.value.state).toBe('notReady');
    expect(await eventTypes(center, legs.callId)).not.toContain('call.transferred');
    await center.pbx.hangup(legs.caller);
    await first.next('call.ended.v1', (p: { callId: string }) => p.callId === legs.callId);
    expect(log.errors()).toEqual([]);
  });
});
