import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AriObserver, observeAri } from '../support/ari-observer';
import { type Center, reachQueue, startCenter, until } from '../support/center';
import { takeBack } from '../support/takeover';
import { capturedLog } from '../support/captured-log';
import { holdAndMuteAtTheDesk } from '../support/desk-scenario';

/** Hold and mute at the counselor's desk over pbx-sim (the same steps run on Asterisk in test/real). */
describe('hold and mute over pbx-sim', () => {
  let center: Center;
  let observer: AriObserver;
  const log = capturedLog();
  beforeEach(async () => {
    center = await startCenter();
    await center.startTelephony(center.pbx, { deps: { logger: log.logger } });
    observer = await observeAri(center.pbx.ari);
  });
  afterEach(async () => {
    await observer?.close();
    await center?.close();
  });

  it('refuses hold while the call rings (caller kept), then holds, mutes and resumes the connected call', async () => {
    await center.pbx.setPhone('1001', 'manual');
    const agent = await center.agentConsole('1001');
    expect(await agent.command('agent.ready.v1', {})).toEqual({ ok: true });
    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const callId = await reachQueue(center, caller);
    await agent.next('call.offered.v1', (p: { callId: string }) => p.callId === callId);

    // Not connected yet: a clear refusal, by ack and by event, and the call goes on ringing.
    expect(await agent.command('call.hold.v1', { callId, held: true })).toMatchObject({
      ok: false,
      error: { command: 'call.hold.v1', code: 'INVALID_STATE', message: expect.stringContaining('offering') },
    });
    expect(await agent.command('call.mute.v1', { callId, muted: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    await agent.next('command.error.v1', (p: { command: string }) => p.command === 'call.hold.v1');
    expect((await center.state.getCall(callId))?.state).toBe('offering');
    expect(await center.pbx.channelIds()).toContain(caller);

    expect(await agent.command('call.answer.v1', { callId })).toEqual({ ok: true });
    await agent.next('call.connected.v1', (p: { callId: string }) => p.callId === callId);
    const agentLeg = (await center.state.getCall(callId))!.agentChannelId!;

    // A console that (re)connects while the caller is held is shown the hold with its start.
    const reconnecting = async () => {
      const again = await center.agentConsole('1001');
      const controls = await again.next<{ callId: string; heldSince: string | null }>('call.controls.v1');
      expect(controls).toMatchObject({ callId, heldSince: (await center.state.getCall(callId))!.heldAt });
      expect(controls.heldSince).not.toBeNull();
      // It took the session over: the first console takes it back. The welcome it gets then is a
      // snapshot, not a push of the steps that follow: it is not counted with them.
      const mark = agent.received.length;
      await takeBack(agent);
      await until(
        () => agent.received.slice(mark).some((r) => r.event === 'call.controls.v1'),
        'the welcome of the console taken back',
      );
      agent.received.splice(mark);
      again.socket.disconnect();
    };
    const steps = await holdAndMuteAtTheDesk(
      center,
      agent,
      { callId, caller, agentLeg },
      observer,
      10_000,
      reconnecting,
    );
    // What a real Asterisk 22 reports at each step (test/real/desk-controls.test.ts).
    expect(steps).toEqual({
      hold: ['ChannelLeftBridge caller mix', 'ChannelEnteredBridge caller hold'],
      mute: [],
      unmute: [],
      resume: ['ChannelLeftBridge caller hold', 'ChannelEnteredBridge caller mix'],
    });

    const requests = (await center.pbx.requests!()).map((r) =>
      `${r.method} ${r.path} ${r.query.direction ?? ''}`.trim(),
    );
    expect(requests).toContain(`POST /channels/${agentLeg}/mute in`);
    expect(requests).toContain(`DELETE /channels/${agentLeg}/mute in`);
    expect(requests.filter((r) => r === `POST /channels/${agentLeg}/mute in`)).toHaveLength(1);
    expect(requests).toContain(`POST /bridges/${callId}-hold/moh`);
    await until(async () => (await center.state.getCall(callId)) === null, 'call forgotten');
    expect(log.errors()).toEqual([]);
  });
});
