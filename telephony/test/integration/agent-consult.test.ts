import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Center, type ConsoleClient, eventTypes, startCenter, until } from '../support/center';
import { takeBack } from '../support/takeover';
import { capturedLog } from '../support/captured-log';
import { CONTEXT, bridgeMembers, connectedCall } from '../support/transfer-scenario';

interface Consult {
  callId: string;
  consult: { agentId: string; phase: string; with: string } | null;
}

/** Attended transfer over pbx-sim: consult the target while the caller hears music, then complete or give back. */
describe('attended transfer over pbx-sim', () => {
  let center: Center;
  const log = capturedLog();
  beforeEach(async () => {
    center = await startCenter();
    await center.startTelephony(center.pbx, { deps: { logger: log.logger } });
  });
  afterEach(async () => {
    await center?.close();
  });

  async function consulting(targetPhone: 'manual' | 'noAnswer') {
    await center.pbx.setPhone('1001', 'manual');
    await center.pbx.setPhone('1002', targetPhone);
    const first = await center.agentConsole('1001');
    const target = await center.agentConsole('1002', ['export']);
    expect(await first.command('agent.ready.v1', {})).toEqual({ ok: true });
    expect(await target.command('agent.ready.v1', {})).toEqual({ ok: true });
    const legs = await connectedCall(center, first, 10_000);
    const command = {
      callId: legs.callId,
      target: { kind: 'agent', agentId: '1002' },
      mode: 'attended',
      context: CONTEXT,
    };
    expect(await first.command('call.transfer.v1', command)).toEqual({ ok: true });
    await first.next<Consult>('call.consult.v1', (p) => p.consult?.phase === 'ringing');
    const offer = await target.next<{ callId: string; transfer?: { mode: string; notes: string } }>(
      'call.offered.v1',
      (p) => p.callId === legs.callId,
    );
    expect(offer.transfer).toMatchObject({ mode: 'attended', notes: CONTEXT.notes });
    // The caller waits with music while the target rings.
    expect(await bridgeMembers(center, `${legs.callId}-hold`)).toContain(legs.caller);
    return { first, target, legs };
  }

  const talking = async (first: ConsoleClient, target: ConsoleClient, callId: string) => {
    expect(await target.command('call.answer.v1', { callId })).toEqual({ ok: true });
    await first.next<Consult>('call.consult.v1', (p) => p.consult?.phase === 'talking');
    const consultLeg = (await center.state.getCall(callId))!.consult!.channelId;
    await until(
      async () => (await bridgeMembers(center, `${callId}-consult`))?.length === 2,
      'counselor and target in the consult bridge',
    );
    return consultLeg;
  };

  it('talk to the target, swap to the caller and back, complete: the target has the caller, the first wraps up', async () => {
    const { first, target, legs } = await consulting('manual');
    const consultLeg = await talking(first, target, legs.callId);
    expect(await bridgeMembers(center, `${legs.callId}-consult`)).toEqual(
      expect.arrayContaining([legs.agentLeg, consultLeg]),
    );

    expect(await first.command('call.consult.swap.v1', { callId: legs.callId })).toEqual({ ok: true });
    await first.next<Consult>('call.consult.v1', (p) => p.consult?.with === 'caller');
    await until(
      async () => (await bridgeMembers(center, `${legs.callId}-mix`))?.includes(legs.caller),
      'caller back with the counselor',
    );
    expect(await bridgeMembers(center, `${legs.callId}-mix`)).toContain(legs.agentLeg);
    expect(await first.command('call.consult.swap.v1', { callId: legs.callId })).toEqual({ ok: true });
    await until(
      async () => (await bridgeMembers(center, `${legs.callId}-hold`))?.includes(legs.caller),
      'caller on music again',
    );

    const acks = await Promise.all([
      first.command('call.consult.complete.v1', { callId: legs.callId }),
      first.command('call.consult.complete.v1', { callId: legs.callId }),
    ]);
    expect(acks).toEqual([{ ok: true }, { ok: true }]);
    await first.next('call.ended.v1', (p: { reason: string }) => p.reason === 'transferred');
    await first.stateBecomes('wrapUp');
    const call = await until(async () => {
      const c = await center.state.getCall(legs.callId);
      const mix = await bridgeMembers(center, `${legs.callId}-mix`);
      return c?.agentId === '1002' && mix?.includes(legs.caller) && mix.includes(consultLeg) ? c : null;
    }, 'caller bridged with the target');
    expect(call).toMatchObject({ state: 'connected', agentChannelId: consultLeg, consult: null });
    await until(async () => !(await center.pbx.channelIds()).includes(legs.agentLeg), 'first leg gone');
    await center.pbx.hangup(legs.caller);
    await target.next('call.ended.v1', (p: { callId: string }) => p.callId === legs.callId);
    await until(async () => (await eventTypes(center, legs.callId)).includes('call.ended'), 'ended stored');
    const types = await eventTypes(center, legs.callId);
    expect(types).toContain('consult.started');
    expect(types.filter((t) => t === 'call.transferred')).toHaveLength(1);
    expect(log.errors()).toEqual([]);
  });

  it('cancel while talking: the target is free again, the caller back with the counselor', async () => {
    const { first, target, legs } = await consulting('manual');
    const consultLeg = await talking(first, target, legs.callId);
    // A console that (re)connects mid-consult is shown the consult (it takes over: the first takes it back).
    const again = await center.agentConsole('1001');
    expect((await again.next<Consult>('call.consult.v1')).consult).toMatchObject({ agentId: '1002', phase: 'talking' });
    await takeBack(first);
    again.socket.disconnect();
    expect(await first.command('call.consult.cancel.v1', { callId: legs.callId })).toEqual({ ok: true });
    expect(await first.command('call.consult.cancel.v1', { callId: legs.callId })).toEqual({ ok: true });
    await first.next<Consult>('call.consult.v1', (p) => p.consult === null);
    await until(async () => {
      const mix = await bridgeMembers(center, `${legs.callId}-mix`);
      return mix?.includes(legs.caller) && mix.includes(legs.agentLeg);
    }, 'caller and counselor together again');
    await until(async () => !(await center.pbx.channelIds()).includes(consultLeg), 'consult leg gone');
    await target.stateBecomes('ready');
    expect(await center.state.getCall(legs.callId)).toMatchObject({
      state: 'connected',
      agentId: '1001',
      consult: null,
    });
    await center.pbx.hangup(legs.caller);
    await first.next('call.ended.v1', (p: { callId: string }) => p.callId === legs.callId);
    expect(log.errors()).toEqual([]);
  });

  it('a target who does not answer: the caller is given back to the counselor, never left in silence', async () => {
    const { first, legs } = await consulting('noAnswer');
    // Complete is refused while the target still rings.
    expect(await first.command('call.consult.complete.v1', { callId: legs.callId })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    await first.next<Consult>('call.consult.v1', (p) => p.consult === null);
    await until(async () => {
      const mix = await bridgeMembers(center, `${legs.callId}-mix`);
      return mix?.includes(legs.caller) && mix.includes(legs.agentLeg);
    }, 'caller back with the counselor');
    expect((await center.state.getAgent('1002'))?.value.state).toBe('notReady');
    await until(async () => (await eventTypes(center, legs.callId)).includes('consult.ended'), 'consult.ended stored');
    await center.pbx.hangup(legs.caller);
    await first.next('call.ended.v1', (p: { callId: string }) => p.callId === legs.callId);
    expect(log.errors()).toEqual([]);
  });
});
