import type { ChildProcess } from 'node:child_process';
import { freeTcpPort } from '@cc1357/asterisk-config/testbed';
import { type TokenClaims, signAccessToken } from '@cc1357/contracts';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Center, SECRET, startCenter, until } from '../support/center';
import { type SippPbx, sippPbx } from './support/sipp-pbx';
import { choose, eventsOf, queuedIn, reached, waitForEvent } from './support/steps';
import { telephonyEnv, telephonyProcess } from './support/telephony-process';
import { SLACK_MS, startTier, type Tier, tierMissing } from './support/tier';

// Without a build the files skip; the global setup says why, once.
const missing = tierMissing();

describe.skipIf(missing)('real time: telephony killed and Asterisk restarted', () => {
  let tier: Tier;
  let pbx: SippPbx;
  let center: Center;
  let env: Record<string, string>;
  let running: { proc: ChildProcess; exited: Promise<void> } | null = null;
  let node: string;
  let url: string;
  const sockets: Socket[] = [];

  const startTelephony = async () => {
    running = telephonyProcess(env);
    await until(
      async () => (await fetch(`${url}/health`).catch(() => null))?.status === 200,
      'telephony healthy',
      SLACK_MS * 2,
    );
  };
  const agentSocket = async (agentId: string) => {
    const claims: TokenClaims = {
      sub: `u-${agentId}`,
      username: `agent${agentId}`,
      role: 'counselor',
      agentId,
      skills: ['fund', 'hr', 'general'],
    };
    const socket = connect(url, {
      auth: { token: await signAccessToken(claims, SECRET, 600) },
      transports: ['websocket'],
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  };
  const callOf = async (channelId: string) =>
    until(() => center.state.callIdOfChannel(node, channelId), `call of ${channelId}`, tier.through());

  beforeAll(async () => {
    tier = await startTier();
    pbx = sippPbx(tier);
    center = await startCenter({ pbx: async () => pbx, timeScale: 1 });
    const port = await freeTcpPort();
    url = `http://127.0.0.1:${port}`;
    node = `callcenter@${new URL(tier.asterisk.ari.url).host}`;
    env = telephonyEnv(tier.asterisk, center, port, { WRAP_UP_SECONDS: '1' });
    await startTelephony();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    running?.proc.kill('SIGKILL');
    await running?.exited;
    await center?.close();
    await tier?.close();
  });

  it('SIGKILL with callers in talk, in the queue and in the IVR: the restarted telephony takes all three over', async () => {
    const agent = await agentSocket('1001');
    await agent.timeout(5_000).emitWithAck('agent.ready.v1', {});

    const talking = await pbx.placeCall('01099990081');
    const talkId = await callOf(talking);
    await choose(center, (d) => pbx.dtmf(talking, d), talkId, 'main-menu', '1', tier.through('notice'));
    await until(
      async () => (await center.state.getCall(talkId))?.state === 'connected',
      'first caller talking to 1001',
      tier.through('connecting'),
    );

    const waiting = await pbx.placeCall('01099990082');
    const waitId = await callOf(waiting);
    await choose(center, (d) => pbx.dtmf(waiting, d), waitId, 'main-menu', '1', tier.through('notice'));
    await queuedIn(center, waitId, 'fund', tier.through('connecting'));

    const listening = await pbx.placeCall('01099990083');
    const ivrId = await callOf(listening);
    await reached(center, ivrId, 'notice', tier.through());

    running!.proc.kill('SIGKILL');
    await running!.exited;
    await startTelephony();

    // The talk goes on and ends normally; the agent is then offered the waiting caller.
    expect(await pbx.channelIds()).toEqual(expect.arrayContaining([talking, waiting, listening]));
    await pbx.hangup(talking);
    await waitForEvent(center, talkId, 'call.ended', tier.through());
    await waitForEvent(center, waitId, 'call.connected', tier.through());
    expect(tier.phones.get('1001')!.answeredCalls()).toBe(2);
    // The caller who was in the IVR hears it again from the start and can still reach a queue.
    await until(
      async () =>
        (await eventsOf(center, ivrId)).filter((e) => e.type === 'ivr.step' && e.data.nodeId === 'main-menu').length >
        0,
      'IVR of the third caller at the main menu',
      tier.through('notice', 'notice'),
    );
    await pbx.dtmf(listening, '6');
    await queuedIn(center, ivrId, 'hr', tier.through('connecting'));
    await pbx.hangup(waiting);
    await pbx.hangup(listening);
    await waitForEvent(center, ivrId, 'call.abandoned', tier.through());
  });

  it('Asterisk restarts: telephony reconnects and the next call is answered and reaches the IVR', async () => {
    const health = async () => (await fetch(`${url}/health`).catch(() => null))?.status;
    await tier.asterisk.stop();
    await until(async () => (await health()) === 503, 'telephony noticing Asterisk is gone', SLACK_MS);
    await tier.asterisk.start();
    await until(async () => (await health()) === 200, 'telephony reconnected to ARI', SLACK_MS * 4);
    const channel = await pbx.placeCall('01099990084');
    const callId = await callOf(channel);
    await reached(center, callId, 'main-menu', tier.through('notice'));
    await pbx.hangup(channel);
    await waitForEvent(center, callId, 'call.ended', tier.through());
  });
});
