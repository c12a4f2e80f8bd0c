import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Center, type ConsoleClient, eventTypes, startCenter, until } from '../support/center';
import { capturedLog } from '../support/captured-log';
import { CONTEXT, bridgeMembers, connectedCall } from '../support/transfer-scenario';

interface Consult {
  callId: string;
  consult: { agentId: string; phase: string; with: string } | null;
}

/** Three-way conference over pbx-sim: caller, counselor and a second counselor in one bridge; any one leaves, two go on. */
describe('three-way conference over pbx-sim', () => {
  let center: Center;
  const log = capturedLog();
  beforeEach(async () => {
    center = await startCenter();
    await center.startTelephony(center.pbx, { deps: { logger: log.logger } });
  });
  afterEach(async () => {
    await center?.close();
  });

  /** 1001 has the caller, consults 1002 (answered), then makes it a conference. */
  async function conference(): Promise<{
    first: ConsoleClient;
    target: ConsoleClient;
    callId: string;
    caller: string;
    agentLeg: string;
    targetLeg: string;
  }> {
    await center.pbx.setPhone('1001', 'manual');
    await center.pbx.setPhone('1002', 'manual');
    const first = await center.agentConsole('1001');
    const target = await center.agentConsole('1002', ['export']);
    expect(await first.command('agent.ready.v1', {})).toEqual({ ok: true });
    expect(await target.command('agent.ready.v1', {})).toEqual({ ok: true });
    const legs = await connectedCall(center, first, 10_000);
    const { callId } = legs;
    const transfer = { callId, target: { kind: 'agent', agentId: '1002' }, mode: 'attended', context: CONTEXT };
    expect(await first.command('call.transfer.v1', transfer)).toEqual({ ok: true });
    await target.next('call.offered.v1', (p: { callId: string }) => p.callId === callId);
    // Not before the target answers.
    expect(await first.command('call.consult.conference.v1', { callId })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    expect(await target.command('call.answer.v1', { callId })).toEqual({ ok: true });
    await first.next<Consult>('call.consult.v1', (p) => p.consult?.phase === 'talking');
    const targetLeg = (await center.state.getCall(callId))!.consult!.channelId;
    await until(async () => (await bridgeMembers(center, `${callId}-consult`))?.length === 2, 'consult bridge up');

    // A double click makes one conference.
    const acks = await Promise.all([
      first.command('call.consult.conference.v1', { callId }),
      first.command('call.consult.conference.v1', { callId }),
    ]);
    expect(acks).toEqual([{ ok: true }, { ok: true }]);
    await first.next<Consult>('call.consult.v1', (p) => p.consult?.with === 'all');
    const all = await until(async () => {
      const members = await bridgeMembers(center, `${callId}-mix`);
      return members?.length === 3 ? members : null;
    }, 'all three in the call bridge');
    expect(all.sort()).toEqual([legs.caller, legs.agentLeg, targetLeg].sort());
    await until(async () => (await bridgeMembers(center, `${callId}-consult`)) === null, 'consult bridge gone');
    expect(await bridgeMembers(center, `${callId}-hold`)).not.toContain(legs.caller);
    return { first, target, callId, caller: legs.caller, agentLeg: legs.agentLeg, targetLeg };
  }

  it('the counselor leaves: the caller and the second counselor go on; the first wraps up', async () => {
    const c = await conference();
    expect(await c.first.command('call.consult.complete.v1', { callId: c.callId })).toEqual({ ok: true });
    await c.first.next('call.ended.v1', (p: { callId: string; reason: string }) => p.reason === 'transferred');
    await c.first.stateBecomes('wrapUp');
    await until(async () => {
      const members = await bridgeMembers(center, `${c.callId}-mix`);
      return members?.length === 2 && members.includes(c.caller) && members.includes(c.targetLeg);
    }, 'caller and second counselor still talking');
    const call = await center.state.getCall(c.callId);
    expect(call).toMatchObject({ state: 'connected', agentId: '1002', consult: null });

    await center.pbx.hangup(c.caller);
    await c.target.next('call.ended.v1', (p: { callId: string }) => p.callId === c.callId);
    const types = await until(async () => {
      const t = await eventTypes(center, c.callId);
      return t.includes('call.ended') ? t : null;
    }, 'call.ended stored');
    expect(types.filter((t) => t === 'conference.started')).toHaveLength(1);
    expect(log.errors()).toEqual([]);
  });

  it('the second counselor hangs up: the caller and the counselor go on, without music', async () => {
    const c = await conference();
    await center.pbx.hangup(c.targetLeg);
    await c.first.next<Consult>('call.consult.v1', (p) => p.consult === null);
    await until(async () => {
      const members = await bridgeMembers(center, `${c.callId}-mix`);
      return members?.length === 2 && members.includes(c.caller) && members.includes(c.agentLeg);
    }, 'caller and counselor still talking');
    expect(await center.state.getCall(c.callId)).toMatchObject({ state: 'connected', agentId: '1001', consult: null });
    await c.target.stateBecomes('ready');
    await center.pbx.hangup(c.caller);
    await c.first.next('call.ended.v1', (p: { callId: string }) => p.callId === c.callId);
    expect(log.errors()).toEqual([]);
  });
});
