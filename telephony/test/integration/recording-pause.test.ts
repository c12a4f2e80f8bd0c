import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Center, startCenter, until } from '../support/center';
import { takeBack } from '../support/takeover';
import { capturedLog } from '../support/captured-log';
import { connectCall, storedEvents } from '../support/monitor-scenario';

type Req = { method: string; path: string };

/** The counselor pauses the recording while the caller gives sensitive details (issue 13 §1), over pbx-sim. */
describe('recording pause at the desk over pbx-sim', () => {
  let center: Center;
  const log = capturedLog();
  beforeEach(async () => {
    center = await startCenter();
    await center.startTelephony(center.pbx, { deps: { logger: log.logger } });
  });
  afterEach(async () => {
    await center?.close();
  });

  const live = async (name: string) => {
    const { url, username, password } = center.pbx.ari;
    const res = await fetch(`${url}/ari/recordings/live/${encodeURIComponent(name)}`, {
      headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
    });
    return res.ok ? ((await res.json()) as { state: string }).state : `HTTP ${res.status}`;
  };

  it('pauses and resumes the live recording once per change, tells the console, and marks the span for crm-api', async () => {
    await center.pbx.setPhone('1001', 'manual');
    const agent = await center.agentConsole('1001');
    const { callId, caller } = await connectCall(center, agent);
    const name = await until(async () => (await center.state.getCall(callId))?.recordingName, 'recording name');
    await until(async () => (await live(name)) === 'recording', 'recording running');

    expect(await agent.command('call.recordingPause.v1', { callId, paused: true })).toEqual({ ok: true });
    // A double click asks for the same state: the recording is paused once.
    expect(await agent.command('call.recordingPause.v1', { callId, paused: true })).toEqual({ ok: true });
    await agent.next('call.controls.v1', (p: { recordingPaused?: boolean }) => p.recordingPaused === true);
    expect(await live(name)).toBe('paused');

    // A console that reconnects while paused is shown the pause (it takes over: the first takes it back).
    const again = await center.agentConsole('1001');
    expect(await again.next('call.controls.v1')).toMatchObject({ callId, recordingPaused: true });
    await takeBack(agent);
    again.socket.disconnect();

    expect(await agent.command('call.recordingPause.v1', { callId, paused: false })).toEqual({ ok: true });
    await agent.next('call.controls.v1', (p: { recordingPaused?: boolean }) => p.recordingPaused === false);
    expect(await live(name)).toBe('recording');

    const path = `/recordings/live/${name}/pause`;
    const requests = ((await center.pbx.requests!()) as Req[]).filter((r) => decodeURIComponent(r.path) === path);
    expect(requests.map((r) => r.method)).toEqual(['POST', 'DELETE']);

    // Paused again and the caller hangs up: the span is closed by the hang-up.
    expect(await agent.command('call.recordingPause.v1', { callId, paused: true })).toEqual({ ok: true });
    await until(async () => (await live(name)) === 'paused', 'paused again');
    await center.pbx.hangup(caller);
    await until(() => center.pbx.recordingStored(name), 'recording stored');
    const events = await until(async () => {
      const all = await storedEvents(center, callId);
      return all.some((e) => e.type === 'call.ended') ? all : null;
    }, 'call.ended stored');
    const spans = events.filter((e) => ['recording.paused', 'recording.resumed'].includes(e.type));
    expect(spans.map((e) => e.type)).toEqual([
      'recording.paused',
      'recording.resumed',
      'recording.paused',
      'recording.resumed',
    ]);
    expect(spans[1]!.data).toMatchObject({ name, pausedSeconds: expect.any(Number) });
    expect(spans[3]!.data).toMatchObject({ name, byHangup: true });
    expect(log.errors()).toEqual([]);
  });

  it('refuses a pause while the call only rings', async () => {
    await center.pbx.setPhone('1001', 'manual');
    const agent = await center.agentConsole('1001');
    expect(await agent.command('agent.ready.v1', {})).toEqual({ ok: true });
    await center.pbx.placeCall(center.callers.known[0]!);
    const offered = await agent.next<{ callId: string }>('call.offered.v1');
    expect(await agent.command('call.recordingPause.v1', { callId: offered.callId, paused: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE', message: expect.stringContaining('offering') },
    });
  });
});
