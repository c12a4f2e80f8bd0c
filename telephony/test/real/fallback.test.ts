import { type PhoneStateV1, signAccessToken } from '@cc1357/contracts';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readPhoneStates } from '../../src/adapters/ami/monitor';
import { type AmiWatchHandle, loadAmiWatchConfig, startAmiWatch } from '../../src/adapters/ami/watch';
import { type Center, SECRET, startCenter, until } from '../support/center';
import { testLog } from '../support/log';
import { TEST_REDIS_URL } from '../support/redis';
import { type SippPbx, sippPbx } from './support/sipp-pbx';
import { consoleEvent } from './support/steps';
import { AGENT_EXTENSIONS, startTier, type Tier, tierMissing } from './support/tier';

/** A supervisor's socket (wallboard), collecting the phone states it is sent. */
async function supervisorSocket(center: Center): Promise<{ socket: Socket; received: PhoneStateV1[] }> {
  const token = await signAccessToken({ sub: 'u-sup', username: 'sup', role: 'supervisor', skills: [] }, SECRET, 600);
  const socket = connect(center.telephony[0]!.url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const received: PhoneStateV1[] = [];
  socket.on('phone.state.v1', (p: PhoneStateV1) => received.push(p));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, received };
}

// Without a build the files skip; the global setup says why, once.
const missing = tierMissing();

/**
 * What only AMI sees: agent phones' registrations, and calls the dialplan sends to the fallback
 * queue while telephony is down. The AMI watcher runs apart from telephony (src/ami-main.ts).
 */
describe.skipIf(missing)('real time: AMI — phone registrations and the fallback queue', () => {
  let tier: Tier;
  let pbx: SippPbx;
  let center: Center;
  let watch: AmiWatchHandle;

  beforeAll(async () => {
    tier = await startTier();
    pbx = sippPbx(tier);
    center = await startCenter({ pbx: async () => pbx, timeScale: 1 });
    await center.startTelephony();
    const config = loadAmiWatchConfig({
      AMI_HOST: tier.asterisk.ami.host,
      AMI_PORT: String(tier.asterisk.ami.port),
      AMI_USERNAME: tier.asterisk.ami.username,
      AMI_SECRET: tier.asterisk.ami.secret,
      AGENT_EXTENSIONS: AGENT_EXTENSIONS.join(' '),
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: center.prefix,
      CRM_API_URL: center.crmUrl,
      AUTH_SECRET: SECRET,
    });
    watch = await startAmiWatch(config, testLog);
  });
  afterEach(async () => pbx?.endAll());
  afterAll(async () => {
    await watch?.close();
    await center?.close();
    await tier?.close();
  });

  it('knows which agent phones are registered, and tells the agent and the supervisors when one drops', async () => {
    const states = async () =>
      Object.fromEntries((await readPhoneStates(center.redis, center.prefix)).map((s) => [s.phone, s.registration]));
    await until(
      async () => (await states())['1009'] === 'unregistered' && (await states())['1003'] === 'registered',
      'phone states from AMI',
      10_000,
    );
    expect(await states()).toEqual({
      '1001': 'registered',
      '1002': 'registered',
      '1003': 'registered',
      '1009': 'unregistered',
    });

    const agent = await center.agentConsole('1003');
    await consoleEvent<PhoneStateV1>(
      agent,
      'phone.state.v1',
      (p) => p.phone === '1003' && p.registration === 'registered',
      5_000,
    );
    const wallboard = await supervisorSocket(center);
    await tier.phones.get('1003')!.unregister(5_000);
    await consoleEvent<PhoneStateV1>(
      agent,
      'phone.state.v1',
      (p) => p.phone === '1003' && p.registration === 'unregistered',
      5_000,
    );
    await until(
      () => wallboard.received.find((p) => p.phone === '1003' && p.registration === 'unregistered'),
      'the drop on the wallboard',
      5_000,
    );
    wallboard.socket.disconnect();
  });

  it('with telephony down, a call rings the registered phone through the fallback queue and still reaches crm-api, marked fallback', async () => {
    for (const t of center.telephony) await t.close();
    await tier.phones.get('1002')!.unregister(5_000);
    const errorsBefore = tier.asterisk.errorsSinceStart().length;
    const answeredBefore = tier.phones.get('1001')!.answeredCalls();

    const call = await pbx.dial('01099990071');
    await call.answered(tier.through());
    await until(
      () => tier.phones.get('1001')!.answeredCalls() > answeredBefore,
      'phone 1001 answering the fallback call',
      tier.through('fallback-notice'),
    );
    await call.hangup();

    const { rows } = await until(
      async () => {
        const r = await center.db.query<{
          type: string;
          agent_id: string | null;
          queue: string;
          data: { fallback?: boolean };
        }>(
          `SELECT type, agent_id, queue, data FROM call_events WHERE call_id LIKE 'fallback-%' AND caller_number = '01099990071' ORDER BY at, type`,
        );
        return r.rows.some((e) => e.type === 'call.ended') ? r : null;
      },
      'fallback call events in crm-api',
      tier.through(),
    );
    expect(rows.map((e) => e.type)).toEqual(
      expect.arrayContaining(['call.arrived', 'queue.entered', 'agent.offered', 'call.connected', 'call.ended']),
    );
    expect(rows.every((e) => e.data.fallback === true && e.queue === 'general')).toBe(true);
    expect(rows.find((e) => e.type === 'call.connected')?.agent_id).toBe('1001');
    // Only registered phones were rung: no errors for 1002, 1003 and 1009 (ringinuse = no).
    expect(rows.filter((e) => e.type === 'agent.offered').map((e) => e.agent_id)).toEqual(['1001']);
    expect(tier.asterisk.errorsSinceStart().slice(errorsBefore)).toEqual([]);
  });

  it('follows Asterisk through a restart: AMI reconnects and registrations keep flowing', async () => {
    await tier.asterisk.stop();
    await until(() => !watch.monitor.isConnected(), 'the watcher noticing AMI is gone', 15_000);
    await tier.asterisk.start();
    await until(() => watch.monitor.isConnected(), 'the watcher back on AMI', 30_000);
    await tier.phones.get('1001')!.unregister(5_000);
    await until(
      async () =>
        (await readPhoneStates(center.redis, center.prefix)).find((s) => s.phone === '1001')?.registration ===
        'unregistered',
      'phone 1001 reported unregistered after the restart',
      10_000,
    );
  });
});
