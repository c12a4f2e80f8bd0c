import { statSync } from 'node:fs';
import path from 'node:path';
import { type QueueId, STASIS_APP } from '@cc1357/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { HANDLED_EVENT_TYPES } from '../../src/adapters/ari/events';
import { type Center, startCenter } from '../support/center';
import { type SippPbx, sippPbx } from './support/sipp-pbx';
import { callIdOf, choose, consoleEvent, eventsOf, ivrNodes, queuedIn, reached, waitForEvent } from './support/steps';
import { startTier, type Tier, tierMissing } from './support/tier';
import { readWav } from './support/wav';

/** How long caller and agent talk in the answered call (a scenario input, not a wait). */
const TALK_MS = 3_000;

// Without a build the files skip; the global setup says why, once.
const missing = tierMissing();

/**
 * Calls from the carrier (SIPp: RTP and RFC 4733 digits) through a real Asterisk 22 with the
 * repo's configuration to telephony, crm-api, Redis and PostgreSQL, all at real time.
 */
describe.skipIf(missing)('real time: calls through a real Asterisk', () => {
  let tier: Tier;
  let pbx: SippPbx;
  let center: Center;

  beforeAll(async () => {
    tier = await startTier();
    pbx = sippPbx(tier);
    center = await startCenter({ pbx: async () => pbx, timeScale: 1, wrapUpSeconds: 1 });
    await center.startTelephony();
  });
  afterEach(async () => pbx?.endAll());
  afterAll(async () => {
    await center?.close();
    await tier?.close();
  });

  const caller = (i: number) => `0109999${String(1000 + i).slice(-4)}`;

  it("telephony's app gets only the event types it acts on (Asterisk keeps the filter it asked for)", async () => {
    const { url, username, password } = tier.asterisk.ari;
    const res = await fetch(`${url}/ari/applications/${STASIS_APP}`, {
      headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
    });
    expect(res.status).toBe(200);
    const app = (await res.json()) as { events_allowed: { type: string }[]; events_disallowed: unknown[] };
    expect(app.events_allowed.map((e) => e.type).sort()).toEqual([...HANDLED_EVENT_TYPES].sort());
    expect(app.events_disallowed).toEqual([]);
  });

  it('an event filter Asterisk cannot read is refused with 400 and a message, the disallowed list already set (as pbx-sim does)', async () => {
    const { url, username, password } = tier.asterisk.ari;
    const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    // An app of the test's own, so telephony's filter is never touched.
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ari/events?app=filter-probe`, {
      headers: { authorization },
    });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    try {
      const put = async (body: unknown, app = 'filter-probe') => {
        const res = await fetch(`${url}/ari/applications/${app}/eventFilter`, {
          method: 'PUT',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      for (const bad of [
        { allowed: 'StasisStart' },
        { allowed: [{}] },
        { allowed: ['StasisStart'] },
        { allowed: null },
      ])
        expect(await put(bad), JSON.stringify(bad)).toEqual({
          status: 400,
          body: { message: 'Invalid format definition' },
        });
      const half = await put({ disallowed: [{ type: 'Dial' }], allowed: [{ nope: 1 }] });
      expect(half.status).toBe(400);
      const now = await fetch(`${url}/ari/applications/filter-probe`, { headers: { authorization } });
      expect(await now.json()).toMatchObject({ events_allowed: [], events_disallowed: [{ type: 'Dial' }] });
      expect(await put({})).toMatchObject({ status: 200, body: { events_allowed: [], events_disallowed: [] } });
      expect(await put({ allowed: [] }, 'nobody')).toEqual({ status: 404, body: { message: 'Application not found' } });
    } finally {
      socket.close();
    }
  });

  it('caller hangs up during the notice: the call ends in the IVR, never queued', async () => {
    const channel = await pbx.placeCall(caller(1));
    const callId = await callIdOf(center, channel, tier.through());
    await reached(center, callId, 'notice', tier.through());
    await pbx.hangup(channel);
    await waitForEvent(center, callId, 'call.ended', tier.through());
    const types = (await eventsOf(center, callId)).map((e) => e.type);
    expect(types).not.toContain('queue.entered');
    expect(types).not.toContain('call.abandoned');
    // Asterisk reports the cut prompt as PlaybackFinished `failed` before StasisEnd: the IVR must
    // not take it as played and walk on to the menu after the caller left.
    expect(await ivrNodes(center, callId)).toEqual(['notice']);
    expect(await center.state.getCall(callId)).toBeNull();
  });

  it('caller abandons in the queue: call.abandoned, the queue is empty again', async () => {
    const channel = await pbx.placeCall(caller(2));
    const callId = await callIdOf(center, channel, tier.through());
    await choose(center, (d) => pbx.dtmf(channel, d), callId, 'main-menu', '1', tier.through('notice'));
    await queuedIn(center, callId, 'fund', tier.through('connecting'));
    await pbx.hangup(channel);
    await waitForEvent(center, callId, 'call.abandoned', tier.through());
    expect(await center.state.isQueued('fund', callId)).toBe(false);
    expect(await center.state.getCall(callId)).toBeNull();
  });

  it('each main-menu digit (and submenu digit) reaches its queue', async () => {
    const routes: { digits: string[]; submenu?: string; queue: QueueId }[] = [
      { digits: ['1'], queue: 'fund' },
      { digits: ['2', '1'], submenu: 'startup-menu', queue: 'startup' },
      { digits: ['3'], queue: 'merchant' },
      { digits: ['4', '2'], submenu: 'rnd-menu', queue: 'rnd' },
      { digits: ['5', '1'], submenu: 'export-menu', queue: 'export' },
      { digits: ['6'], queue: 'hr' },
      { digits: ['0'], queue: 'general' },
    ];
    // All callers at once: the tier runs at the speed of the audio, not of the callers.
    await Promise.all(
      routes.map(async (route, i) => {
        const channel = await pbx.placeCall(caller(10 + i));
        const callId = await callIdOf(center, channel, tier.through());
        await choose(
          center,
          (d) => pbx.dtmf(channel, d),
          callId,
          'main-menu',
          route.digits[0]!,
          tier.through('notice'),
        );
        if (route.submenu)
          await choose(center, (d) => pbx.dtmf(channel, d), callId, route.submenu, route.digits[1]!, tier.through());
        await queuedIn(center, callId, route.queue, tier.through('connecting', 'connecting-priority')).catch(
          async (err: unknown) => {
            throw new Error(
              `${route.digits.join(',')} → ${route.queue}: ${String(err)}; IVR went ${(await ivrNodes(center, callId)).join(' → ')}`,
            );
          },
        );
        await waitForEvent(center, callId, 'queue.entered', tier.through());
        const entered = (await eventsOf(center, callId)).filter((e) => e.type === 'queue.entered').map((e) => e.queue);
        expect(entered).toEqual([route.queue]);
        await pbx.hangup(channel);
        await waitForEvent(center, callId, 'call.abandoned', tier.through());
      }),
    );
  });

  it('answered by a registered SIPp phone and recorded: cc/<Seoul date>/<callId>.wav, private, with audio as long as the talk', async () => {
    const agent = await center.agentConsole('1001');
    expect(await agent.command('agent.ready.v1', {})).toEqual({ ok: true });
    const channel = await pbx.placeCall(center.callers.known[0]!);
    const callId = await callIdOf(center, channel, tier.through());
    await choose(center, (d) => pbx.dtmf(channel, d), callId, 'main-menu', '1', tier.through('notice'));
    await consoleEvent(
      agent,
      'call.offered.v1',
      (p: { callId: string }) => p.callId === callId,
      tier.through('connecting'),
    );
    const connected = await consoleEvent<{ callId: string; recordingName: string }>(
      agent,
      'call.connected.v1',
      (p) => p.callId === callId,
      tier.through(),
    );
    expect(tier.phones.get('1001')!.answeredCalls()).toBe(1);
    expect(connected.recordingName).toMatch(new RegExp(`^cc/\\d{4}-\\d{2}-\\d{2}/${callId}$`));
    // The conversation itself (SIPp's speech both ways) is the scenario: it lasts TALK_MS.
    await new Promise((r) => setTimeout(r, TALK_MS));
    await pbx.hangup(channel);
    await consoleEvent(
      agent,
      'call.ended.v1',
      (p: { callId: string; reason: string }) => p.callId === callId && p.reason === 'callerHangup',
      tier.through(),
    );
    await waitForEvent(center, callId, 'recording.finished', tier.through());
    await waitForEvent(center, callId, 'call.ended', tier.through());

    const events = await eventsOf(center, callId);
    const at = (type: string) => events.find((e) => e.type === type)!.at.getTime();
    const talkMs = at('call.ended') - at('call.connected');
    const file = path.join(tier.asterisk.recordingDir, `${connected.recordingName}.wav`);
    const wav = readWav(file);
    expect({ format: wav.format, channels: wav.channels, sampleRate: wav.sampleRate, bits: wav.bitsPerSample }).toEqual(
      { format: 1, channels: 1, sampleRate: 8000, bits: 16 },
    );
    expect(Math.abs(wav.durationMs - talkMs)).toBeLessThan(1_500);
    expect(wav.peak).toBeGreaterThan(1_000);
    // Personal data: nothing for other users (bin/start-asterisk.sh's umask 027).
    expect(statSync(file).mode & 0o007).toBe(0);
    expect(await pbx.recordingStored(connected.recordingName)).toBe(true);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'call.arrived',
        'queue.entered',
        'agent.offered',
        'call.connected',
        'recording.started',
        'call.ended',
      ]),
    );
    expect(await ivrNodes(center, callId)).toContain('main-menu');
    expect(await agent.command('agent.notReady.v1', { reason: 'break' })).toEqual({ ok: true });
  });
});
