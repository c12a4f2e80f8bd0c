import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observeAri } from '../support/ari-observer';
import { type Center, startCenter, until } from '../support/center';
import { capturedLog } from '../support/captured-log';
import { bridgedIn, connectCall, monitorState, nothingDangles, storedEvents } from '../support/monitor-scenario';
import { supervisorConsole } from '../support/supervisor-console';

type Req = { method: string; path: string; query: Record<string, string> };

/** Live listen / whisper / barge over pbx-sim with the real ari-client (issue 13 §4). */
describe('supervisor monitoring over pbx-sim', () => {
  let center: Center;
  const log = capturedLog();
  beforeEach(async () => {
    center = await startCenter();
    await center.pbx.setPhone('1001', 'manual');
    await center.pbx.setPhone('2001', 'autoAnswer');
  });
  afterEach(async () => {
    await center?.close();
  });

  const snoops = async (agentLeg: string) =>
    ((await center.pbx.requests!()) as Req[])
      .filter((r) => r.method === 'POST' && r.path === `/channels/${agentLeg}/snoop`)
      .map((r) => `spy=${r.query.spy} whisper=${r.query.whisper ?? 'none'}`);

  it('listens, whispers and barges on one ring of the supervisor phone, audits each step and ends with the call', async () => {
    await center.startTelephony(center.pbx, { env: { MONITOR_INDICATOR: 'true' }, deps: { logger: log.logger } });
    const agent = await center.agentConsole('1001');
    const { callId, caller, agentLeg } = await connectCall(center, agent);
    const sup = await supervisorConsole(center);
    const observer = await observeAri(center.pbx.ari);

    expect(await sup.command('monitor.start.v1', { callId, mode: 'listen' })).toEqual({ ok: true });
    await monitorState(sup, (p) => p.callId === callId && p.phase === 'active' && p.mode === 'listen');
    const listen = await bridgedIn(center);
    await agent.next(
      'call.monitored.v1',
      (p: { monitored: boolean; mode: string }) => p.monitored && p.mode === 'listen',
    );

    const seen = sup.received.length;
    expect(await sup.command('monitor.mode.v1', { callId, mode: 'whisper' })).toEqual({ ok: true });
    await monitorState(sup, (p) => p.mode === 'whisper', seen);
    const whisper = await until(async () => {
      const now = await bridgedIn(center);
      return now.snoop !== listen.snoop ? now : null;
    }, 'the whisper snoop replacing the listening one');
    expect(whisper.supervisorLeg).toBe(listen.supervisorLeg);

    expect(await sup.command('monitor.mode.v1', { callId, mode: 'barge' })).toEqual({ ok: true });
    const barge = await until(async () => {
      const now = await bridgedIn(center);
      return now.snoop !== whisper.snoop ? now : null;
    }, 'the barge snoop');
    expect(barge.supervisorLeg).toBe(listen.supervisorLeg);
    expect(await snoops(agentLeg)).toEqual(['spy=both whisper=none', 'spy=both whisper=out', 'spy=both whisper=both']);
    // Switching never rang the supervisor again.
    expect(await center.pbx.originates('PJSIP/2001')).toBe(1);

    // The caller hangs up: the snoop follows its target, the session ends and nothing is left.
    await center.pbx.hangup(caller);
    expect(await monitorState(sup, (p) => p.phase === 'ended')).toMatchObject({ callId, reason: 'callEnded' });
    await nothingDangles(center);
    await agent.next('call.monitored.v1', (p: { monitored: boolean }) => !p.monitored);
    // What a subscribeAll observer hears of the snoops, as on Asterisk 22.10.1 (test/real/monitoring.test.ts).
    const meaningful = (id: string) =>
      observer.events
        .filter((e) => e.channel === id && /HangupRequest|Bridge|Destroyed/.test(e.type))
        .map((e) => `${e.type}${e.bridge ? ` ${e.bridge.slice(-4)}` : ''}`);
    await until(() => meaningful(barge.snoop).includes('ChannelDestroyed'), 'the last snoop destroyed');
    expect(meaningful(listen.snoop)).toEqual([
      'ChannelEnteredBridge -mon',
      'ChannelHangupRequest',
      'ChannelLeftBridge -mon',
      'ChannelDestroyed',
    ]);
    expect(meaningful(barge.snoop)).toEqual([
      'ChannelEnteredBridge -mon',
      'ChannelLeftBridge -mon',
      'ChannelDestroyed',
    ]);
    await observer.close();

    const events = await until(async () => {
      const all = await storedEvents(center, callId);
      return all.some((e) => e.type === 'monitor.ended') ? all : null;
    }, 'monitor.ended stored by crm-api');
    const audit = events.filter((e) => e.type.startsWith('monitor.'));
    expect(audit.map((e) => e.type)).toEqual(['monitor.started', 'monitor.mode', 'monitor.mode', 'monitor.ended']);
    expect(audit[0]!.data).toEqual({ supervisorId: 'u-sup', supervisorPhone: '2001', mode: 'listen' });
    expect(audit.slice(1, 3).map((e) => e.data.mode)).toEqual(['whisper', 'barge']);
    expect(audit[3]!.data).toMatchObject({ supervisorId: 'u-sup', reason: 'callEnded', answered: true, mode: 'barge' });
    expect(log.errors()).toEqual([]);
  });

  it('refuses who may not or what cannot be monitored; a supervisor hang-up or stop cleans up and the call goes on', async () => {
    await center.startTelephony(center.pbx, { deps: { logger: log.logger } });
    const agent = await center.agentConsole('1001');
    const { callId, caller } = await connectCall(center, agent);

    // Counselors may not monitor; a supervisor without a phone cannot; an unknown call is not found.
    expect(await agent.command('monitor.start.v1', { callId, mode: 'listen' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const phoneless = await supervisorConsole(center, { userId: 'u-nophone', phone: null });
    expect(await phoneless.command('monitor.start.v1', { callId, mode: 'listen' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('phone') },
    });
    const sup = await supervisorConsole(center);
    expect(await sup.command('monitor.start.v1', { callId: 'no-such-call', mode: 'listen' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await sup.command('monitor.mode.v1', { callId, mode: 'barge' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('not monitoring') },
    });

    // The supervisor hangs up their phone.
    expect(await sup.command('monitor.start.v1', { callId, mode: 'listen' })).toEqual({ ok: true });
    const first = await bridgedIn(center);
    expect(await sup.command('monitor.start.v1', { callId, mode: 'barge' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    await center.pbx.hangup(first.supervisorLeg);
    expect(await monitorState(sup, (p) => p.phase === 'ended')).toMatchObject({ reason: 'supervisorHangup' });
    await nothingDangles(center);
    expect((await center.state.getCall(callId))?.state).toBe('connected');

    // And again, stopped from the wallboard.
    const seen = sup.received.length;
    expect(await sup.command('monitor.start.v1', { callId, mode: 'whisper' })).toEqual({ ok: true });
    await bridgedIn(center);
    expect(await sup.command('monitor.stop.v1', { callId })).toEqual({ ok: true });
    expect(await monitorState(sup, (p) => p.phase === 'ended', seen)).toMatchObject({ reason: 'stopped' });
    await nothingDangles(center);
    expect((await center.state.getCall(callId))?.state).toBe('connected');
    expect(await sup.command('monitor.stop.v1', { callId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // The indicator setting is off by default: the counselor was told nothing.
    expect(agent.received.filter((r) => r.event === 'call.monitored.v1')).toEqual([]);

    // A call that has ended cannot be monitored.
    await center.pbx.hangup(caller);
    await until(async () => (await center.state.getCall(callId)) === null, 'call forgotten');
    expect(await sup.command('monitor.start.v1', { callId, mode: 'listen' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('not a live call') },
    });
    const audit = await until(async () => {
      const all = (await storedEvents(center, callId)).filter((e) => e.type.startsWith('monitor.'));
      return all.length === 4 ? all : null;
    }, 'both sessions audited');
    expect(audit.map((e) => `${e.type} ${String(e.data.reason ?? e.data.mode)}`)).toEqual([
      'monitor.started listen',
      'monitor.ended supervisorHangup',
      'monitor.started whisper',
      'monitor.ended stopped',
    ]);
    expect(log.errors()).toEqual([]);
  });
});
