import { readFile } from 'node:fs/promises';
import { parseEnv } from 'node:util';
import { generateTokenKeyPair } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseAcwSecondsByQueue, wrapUpSecondsFor } from '../../src/app/config';

const good = {
  ARI_URL: 'http://127.0.0.1:8088/',
  ARI_USERNAME: 'cc',
  ARI_PASSWORD: 'secret',
  CRM_API_URL: 'http://127.0.0.1:4100',
  AUTH_SECRET: '0123456789abcdef0123',
};

describe('loadConfig', () => {
  it('applies defaults', () => {
    const c = loadConfig(good);
    expect(c).toMatchObject({
      ari: { url: 'http://127.0.0.1:8088', app: 'callcenter' },
      port: 4200,
      ringTimeoutSeconds: 15,
      wrapUpSeconds: 10,
      phoneDriver: { kind: 'sip' },
    });
  });

  it('names every bad variable in one message', () => {
    expect(() =>
      loadConfig({ ...good, ARI_URL: 'nope', AUTH_SECRET: 'short', RING_TIMEOUT_SECONDS: '-1' }),
    ).toThrowError(ConfigError);
    try {
      loadConfig({ ...good, ARI_URL: 'nope', AUTH_SECRET: 'short', RING_TIMEOUT_SECONDS: '-1' });
    } catch (err) {
      const message = (err as Error).message;
      for (const name of ['ARI_URL', 'AUTH_SECRET', 'RING_TIMEOUT_SECONDS']) expect(message).toContain(name);
    }
  });

  it('admission control: off unless a limit is set; a bad limit is named', () => {
    expect(loadConfig(good)).toMatchObject({ admission: {}, handleTimePriorSeconds: 180 });
    expect(loadConfig({ ...good, ADMISSION_MAX_QUEUE_DEPTH: '', ADMISSION_MAX_WAIT_SECONDS: '' }).admission).toEqual(
      {},
    );
    expect(
      loadConfig({ ...good, ADMISSION_MAX_QUEUE_DEPTH: '200', ADMISSION_MAX_WAIT_SECONDS: '600' }).admission,
    ).toEqual({ maxQueueDepth: 200, maxWaitSeconds: 600 });
    expect(() => loadConfig({ ...good, ADMISSION_MAX_QUEUE_DEPTH: '0' })).toThrowError(/ADMISSION_MAX_QUEUE_DEPTH/);
    expect(() => loadConfig({ ...good, ADMISSION_MAX_WAIT_SECONDS: 'soon' })).toThrowError(
      /ADMISSION_MAX_WAIT_SECONDS/,
    );
    expect(() => loadConfig({ ...good, HANDLE_TIME_PRIOR_SECONDS: '-3' })).toThrowError(/HANDLE_TIME_PRIOR_SECONDS/);
  });

  it('the door: open whatever the load unless a delay limit is set; a bad limit is named', () => {
    expect(loadConfig(good).door).toEqual({});
    expect(loadConfig({ ...good, ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '' }).door).toEqual({});
    expect(loadConfig({ ...good, ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '500' }).door).toEqual({
      maxEventLoopDelayMs: 500,
    });
    expect(() => loadConfig({ ...good, ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '5' })).toThrowError(
      /ADMISSION_MAX_EVENT_LOOP_DELAY_MS/,
    );
    expect(
      loadConfig({ ...good, ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '500', ADMISSION_MAX_CALLS_PER_SECOND: '70' }).door,
    ).toEqual({ maxEventLoopDelayMs: 500, maxCallsPerSecond: 70 });
    expect(loadConfig({ ...good, ADMISSION_MAX_CALLS_PER_SECOND: '' }).door).toEqual({});
    for (const bad of ['0', '2.5', 'many'])
      expect(() => loadConfig({ ...good, ADMISSION_MAX_CALLS_PER_SECOND: bad })).toThrowError(
        /ADMISSION_MAX_CALLS_PER_SECOND/,
      );
  });

  it('the heap grows 50 % past its live size by default; 0 leaves it to V8; a bad value is named', () => {
    expect(loadConfig(good).heapGrowingPercent).toBe(50);
    expect(loadConfig({ ...good, HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
    expect(loadConfig({ ...good, HEAP_GROWING_PERCENT: '120' }).heapGrowingPercent).toBe(120);
    expect(() => loadConfig({ ...good, HEAP_GROWING_PERCENT: '-5' })).toThrowError(/HEAP_GROWING_PERCENT/);
    expect(() => loadConfig({ ...good, HEAP_GROWING_PERCENT: 'lots' })).toThrowError(/HEAP_GROWING_PERCENT/);
  });

  it('needs the pbx-sim control URL for the sim phone driver', () => {
    expect(() => loadConfig({ ...good, PHONE_DRIVER: 'sim' })).toThrowError(/PBX_SIM_CONTROL_URL/);
    expect(
      loadConfig({ ...good, PHONE_DRIVER: 'sim', PBX_SIM_CONTROL_URL: 'http://127.0.0.1:8088/' }).phoneDriver,
    ).toEqual({ kind: 'sim', controlUrl: 'http://127.0.0.1:8088' });
  });

  it('takes the grace period of a disconnected console in seconds (default 30)', () => {
    expect(loadConfig(good).agentDisconnectGraceSeconds).toBe(30);
    expect(loadConfig({ ...good, AGENT_DISCONNECT_GRACE_SECONDS: '5' }).agentDisconnectGraceSeconds).toBe(5);
    expect(() => loadConfig({ ...good, AGENT_DISCONNECT_GRACE_SECONDS: 'soon' })).toThrowError(
      /AGENT_DISCONNECT_GRACE_SECONDS/,
    );
  });

  it('takes the partner dial string as a template with {number}', () => {
    expect(loadConfig(good)).toMatchObject({ partnerDialTemplate: 'PJSIP/{number}', partnerRingTimeoutSeconds: 30 });
    expect(
      loadConfig({
        ...good,
        PARTNER_DIAL_TEMPLATE: 'PJSIP/{number}@partner-trunk',
        PARTNER_RING_TIMEOUT_SECONDS: '20',
      }),
    ).toMatchObject({ partnerDialTemplate: 'PJSIP/{number}@partner-trunk', partnerRingTimeoutSeconds: 20 });
    expect(() => loadConfig({ ...good, PARTNER_DIAL_TEMPLATE: 'PJSIP/1380' })).toThrowError(
      /PARTNER_DIAL_TEMPLATE: must contain \{number\}/,
    );
  });
});

describe('production mode (NODE_ENV=production)', () => {
  const messageOf = (env: Record<string, string | undefined>) => {
    try {
      loadConfig(env);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    }
    throw new Error('loadConfig accepted the environment');
  };
  const base = { ARI_URL: 'http://asterisk:8088', ARI_USERNAME: 'callcenter', CRM_API_URL: 'http://crm-api:4100' };

  it(".env.example's ARI_PASSWORD=change-me and placeholder keys are refused, each named", async () => {
    const dotenv = parseEnv(await readFile(new URL('../../../.env.example', import.meta.url), 'utf8')) as Record<
      string,
      string
    >;
    expect(dotenv.ARI_PASSWORD).toBe('change-me');
    const message = messageOf({
      ...base,
      NODE_ENV: 'production',
      ARI_PASSWORD: dotenv.ARI_PASSWORD,
      AUTH_PUBLIC_KEY: dotenv.AUTH_PUBLIC_KEY,
      TELEPHONY_PRIVATE_KEY: dotenv.TELEPHONY_PRIVATE_KEY,
      CONSOLE_ORIGINS: dotenv.CONSOLE_ORIGINS,
    });
    expect(message).toMatch(/ARI_PASSWORD: is a placeholder/);
    expect(message).toMatch(/AUTH_PUBLIC_KEY: is a placeholder/);
    expect(message).toMatch(/TELEPHONY_PRIVATE_KEY: is a placeholder/);
    expect(message).not.toMatch(/CONSOLE_ORIGINS/);
  });

  it('refuses a shared AUTH_SECRET, a short ARI password and a missing origin list', () => {
    const message = messageOf({
      ...base,
      NODE_ENV: 'production',
      ARI_PASSWORD: 'Xy7pQ2',
      AUTH_SECRET: 'a-long-random-looking-secret-9f8e7d',
    });
    expect(message).toMatch(/AUTH_SECRET: must not be set in production/);
    expect(message).toMatch(/ARI_PASSWORD: is too short/);
    expect(message).toMatch(/AUTH_PUBLIC_KEY: is missing/);
    expect(message).toMatch(/TELEPHONY_PRIVATE_KEY: is missing/);
    expect(message).toMatch(/CONSOLE_ORIGINS: is missing/);
  });

  it('starts with generated keys, a real ARI password and the console origins', async () => {
    const crm = await generateTokenKeyPair();
    const own = await generateTokenKeyPair();
    const c = loadConfig({
      ...base,
      NODE_ENV: 'production',
      ARI_PASSWORD: 'k3Jd9xQ2mZ7vT1pL8wR4',
      AUTH_PUBLIC_KEY: crm.publicKey,
      TELEPHONY_PRIVATE_KEY: own.privateKey,
      CONSOLE_ORIGINS: 'https://cc.example.kr, http://localhost:8080/',
    });
    expect(c).toMatchObject({
      authSecret: crm.publicKey,
      serviceKey: own.privateKey,
      consoleOrigins: ['https://cc.example.kr', 'http://localhost:8080'],
    });
  });

  it('ACW_SECONDS_BY_QUEUE: absent = every queue uses WRAP_UP_SECONDS; entries set their queues', () => {
    expect(loadConfig(good).wrapUpSecondsByQueue).toEqual({});
    const c = loadConfig({ ...good, WRAP_UP_SECONDS: '20', ACW_SECONDS_BY_QUEUE: 'fund:60, export:30,hr:0' });
    expect(c.wrapUpSecondsByQueue).toEqual({ fund: 60, export: 30, hr: 0 });
    expect(wrapUpSecondsFor('fund', c.wrapUpSeconds, c.wrapUpSecondsByQueue)).toBe(60);
    expect(wrapUpSecondsFor('hr', c.wrapUpSeconds, c.wrapUpSecondsByQueue)).toBe(0); // 0 is a value, not "unset"
    expect(wrapUpSecondsFor('general', c.wrapUpSeconds, c.wrapUpSecondsByQueue)).toBe(20);
    expect(wrapUpSecondsFor(null, c.wrapUpSeconds, c.wrapUpSecondsByQueue)).toBe(20); // outbound: no queue
  });

  it('ACW_SECONDS_BY_QUEUE: a bad entry fails the start with a message naming the variable and the entry', () => {
    for (const [value, says] of [
      ['fund=60', '"fund=60" is not queue:seconds'],
      ['loans:60', '"loans" is not a queue'],
      ['fund:4000', 'more than 3600'],
      ['fund:-5', 'is not queue:seconds'],
      ['fund:60,fund:30', 'fund is given twice'],
    ] as const) {
      expect(() => loadConfig({ ...good, ACW_SECONDS_BY_QUEUE: value })).toThrowError(ConfigError);
      try {
        loadConfig({ ...good, ACW_SECONDS_BY_QUEUE: value });
      } catch (err) {
        expect((err as Error).message).toContain('ACW_SECONDS_BY_QUEUE');
        expect((err as Error).message).toContain(says);
      }
    }
    // Every bad entry is named at once.
    expect(parseAcwSecondsByQueue('x:1,fund:9999')).toMatchObject({
      ok: false,
      problems: [expect.any(String), expect.any(String)],
    });
  });

  it('queue announcements every 45 s by default (0 = off); maximum wait and overflow per queue', () => {
    expect(loadConfig(good).queueWait).toEqual({ announceSeconds: 45, maxWaitSeconds: {}, overflowTo: {} });
    expect(loadConfig({ ...good, QUEUE_ANNOUNCE_SECONDS: '0' }).queueWait.announceSeconds).toBe(0);
    const c = loadConfig({
      ...good,
      QUEUE_MAX_WAIT_SECONDS: '600',
      QUEUE_MAX_WAIT_SECONDS_BY_QUEUE: 'fund:300',
      QUEUE_OVERFLOW_BY_QUEUE: 'fund:general',
    });
    expect(c.queueWait.maxWaitSeconds).toMatchObject({ fund: 300, export: 600, general: 600 });
    expect(c.queueWait.overflowTo).toEqual({ fund: 'general' });
    for (const [name, value, says] of [
      ['QUEUE_OVERFLOW_BY_QUEUE', 'fund:fund', 'cannot overflow to itself'],
      ['QUEUE_OVERFLOW_BY_QUEUE', 'fund:loans', '"loans" is not a queue'],
      ['QUEUE_MAX_WAIT_SECONDS_BY_QUEUE', 'fund:0', 'is not whole seconds'],
      ['QUEUE_MAX_WAIT_SECONDS_BY_QUEUE', 'fund:60,fund:30', 'fund is given twice'],
      ['QUEUE_ANNOUNCE_SECONDS', '-1', ''],
    ] as const) {
      try {
        loadConfig({ ...good, [name]: value });
        expect.unreachable(`${name}=${value} accepted`);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        expect((err as Error).message).toContain(name);
        expect((err as Error).message).toContain(says);
      }
    }
  });
});
