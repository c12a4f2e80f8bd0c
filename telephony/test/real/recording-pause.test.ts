import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Center, startCenter, until } from '../support/center';
import { storedEvents } from '../support/monitor-scenario';
import { type SippPbx, sippPbx } from './support/sipp-pbx';
import { callIdOf, choose, consoleEvent } from './support/steps';
import { startTier, type Tier, tierMissing } from './support/tier';

const missing = tierMissing();

/**
 * Recording pause at the desk through a real Asterisk 22 (issue 13 §1): the call's bridge
 * recording (`cc/<day>/<callId>`, a name with slashes) paused and resumed over ARI, as the
 * pbx-sim test does (test/integration/recording-pause.test.ts).
 */
describe.skipIf(missing)('real time: recording pause through a real Asterisk', () => {
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

  const live = async (name: string) => {
    const { url, username, password } = pbx.ari;
    const res = await fetch(`${url}/ari/recordings/live/${encodeURIComponent(name)}`, {
      headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
    });
    return res.ok ? ((await res.json()) as { state: string }).state : `HTTP ${res.status}`;
  };

  it('pauses and resumes the live bridge recording; the spans reach crm-api', async () => {
    const agent = await center.agentConsole('1001');
    expect(await agent.command('agent.ready.v1', {})).toEqual({ ok: true });
    const channel = await pbx.placeCall(center.callers.known[3]!);
    const callId = await callIdOf(center, channel, tier.through());
    await choose(center, (d) => pbx.dtmf(channel, d), callId, 'main-menu', '1', tier.through('notice'));
    await consoleEvent(
      agent,
      'call.connected.v1',
      (p: { callId: string }) => p.callId === callId,
      tier.through('connecting'),
    );
    const name = await until(async () => (await center.state.getCall(callId))?.recordingName, 'recording name');
    await until(async () => (await live(name)) === 'recording', 'recording running', tier.through());

    expect(await agent.command('call.recordingPause.v1', { callId, paused: true })).toEqual({ ok: true });
    await agent.next('call.controls.v1', (p: { recordingPaused?: boolean }) => p.recordingPaused === true);
    expect(await live(name)).toBe('paused');
    expect(await agent.command('call.recordingPause.v1', { callId, paused: false })).toEqual({ ok: true });
    await agent.next('call.controls.v1', (p: { recordingPaused?: boolean }) => p.recordingPaused === false);
    expect(await live(name)).toBe('recording');

    await pbx.hangup(channel);
    await until(() => pbx.recordingStored(name), 'recording stored', tier.through());
    const spans = await until(
      async () => {
        const all = (await storedEvents(center, callId)).filter((e) => e.type.startsWith('recording.'));
        return all.some((e) => e.type === 'recording.finished') ? all.map((e) => e.type) : null;
      },
      'recording events stored',
      tier.through(),
    );
    expect(spans).toEqual(['recording.started', 'recording.paused', 'recording.resumed', 'recording.finished']);
  });
});
