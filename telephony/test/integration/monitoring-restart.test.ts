import { afterEach, describe, expect, it } from 'vitest';
import { type Center, startCenter, until } from '../support/center';
import { capturedLog } from '../support/captured-log';
import {
  bridgedIn,
  connectCall,
  monitorBridge,
  monitorState,
  nothingDangles,
  storedEvents,
} from '../support/monitor-scenario';
import { supervisorConsole } from '../support/supervisor-console';

/**
 * A monitoring session outlives the process that ran it (issue 13 §4 after a restart): the
 * process that takes over the node reads it from Redis, hangs up what is left, writes
 * `monitor.ended` (reason `telephonyRestart`) and tells the supervisors' consoles.
 */
describe('monitoring across a telephony restart over pbx-sim', () => {
  let center: Center | undefined;
  const log = capturedLog();
  afterEach(async () => center?.close());

  it('the restarted process ends the session the old one left, audits it and tells the supervisor; the call goes on', async () => {
    center = await startCenter();
    await center.pbx.setPhone('1001', 'manual');
    await center.pbx.setPhone('2001', 'autoAnswer');
    const first = await center.startTelephony(center.pbx, { deps: { logger: log.logger } });
    const agent = await center.agentConsole('1001');
    const { callId, caller } = await connectCall(center, agent);
    const sup = await supervisorConsole(center);
    expect(await sup.command('monitor.start.v1', { callId, mode: 'listen' })).toEqual({ ok: true });
    await monitorState(sup, (p) => p.callId === callId && p.phase === 'active');
    const seen = sup.received.length;
    expect(await sup.command('monitor.mode.v1', { callId, mode: 'whisper' })).toEqual({ ok: true });
    await monitorState(sup, (p) => p.mode === 'whisper', seen);
    const before = await until(async () => {
      const now = await bridgedIn(center!);
      return now.snoop.endsWith('-snoop2') ? now : null;
    }, 'the whisper snoop in the bridge');

    await first.close();
    // The old process is gone; its session's phone leg, snoop and bridge are still up on the PBX.
    expect((await monitorBridge(center))?.channels.sort()).toEqual([before.supervisorLeg, before.snoop].sort());
    const key = center.state.key(`monitors:${first.node}`);
    expect(Object.keys(await center.redis.hgetall(key))).toEqual([before.bridge.replace(/-mon$/, '')]);

    const second = await center.startTelephony(center.pbx, { deps: { logger: log.logger } });
    expect(second.node).toBe(first.node);
    center.telephony.splice(0, 1); // consoles connect to the new process

    await nothingDangles(center);
    expect(await center.redis.hgetall(key)).toEqual({});
    const events = await until(async () => {
      const all = await storedEvents(center!, callId);
      return all.some((e) => e.type === 'monitor.ended') ? all : null;
    }, 'monitor.ended stored by crm-api');
    // (each process's test clock starts afresh, so `at` does not order the two processes' events)
    const audit = events.filter((e) => e.type.startsWith('monitor.'));
    expect(audit.map((e) => e.type).sort()).toEqual(['monitor.ended', 'monitor.mode', 'monitor.started']);
    expect(audit.find((e) => e.type === 'monitor.ended')!.data).toMatchObject({
      supervisorId: 'u-sup',
      supervisorPhone: '2001',
      mode: 'whisper',
      reason: 'telephonyRestart',
      answered: true,
    });

    // The supervisor's console, reconnecting to the new process, learns the session is over.
    const back = await supervisorConsole(center);
    expect(await monitorState(back, (p) => p.callId === callId)).toMatchObject({
      phase: 'ended',
      reason: 'telephonyRestart',
      mode: 'whisper',
    });

    // The call itself went on, and can be monitored again from the new process.
    expect((await center.state.getCall(callId))?.state).toBe('connected');
    const from = back.received.length;
    expect(await back.command('monitor.start.v1', { callId, mode: 'listen' })).toEqual({ ok: true });
    await monitorState(back, (p) => p.phase === 'active', from);
    await bridgedIn(center);
    await center.pbx.hangup(caller);
    expect(await monitorState(back, (p) => p.phase === 'ended', from)).toMatchObject({ reason: 'callEnded' });
    await nothingDangles(center);
    expect(log.errors()).toEqual([]);
  });
});
