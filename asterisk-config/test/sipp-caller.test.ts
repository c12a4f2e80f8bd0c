import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  type AsteriskInstance,
  asteriskPrefix,
  createAsteriskInstance,
  type SippCall,
  sippMissing,
  startCall,
} from '../src/testbed/index';

const prefix = asteriskPrefix();
const missing = prefix ? sippMissing() : 'no TEST_ASTERISK_PREFIX';
if (missing) console.info(`asterisk-config: SIPp caller checks skipped (${missing})`);

const TRUNK_HOST = '127.0.0.2';
/** A hang guard for Asterisk's channels to go (they go within milliseconds of the BYE). */
const GONE_MS = 20_000;

/**
 * The SIPp caller (caller.xml through sipp.ts) against a real Asterisk with this configuration.
 * No telephony runs, so a call to 1357 falls back to the dialplan's queue (no phones registered)
 * and stays up until the caller hangs up: what is left in Asterisk is the caller's doing.
 */
describe.skipIf(!!missing)('the SIPp caller on a real Asterisk', () => {
  let asterisk: AsteriskInstance;
  let logDir: string;
  const calls: SippCall[] = [];

  /** Asterisk's channels of the caller `from` (concise lines carry the caller id). */
  const channels = async (from: string) =>
    (await asterisk.cli('core show channels concise')).split('\n').filter((l) => l.includes(`!${from}!`));
  const until = async (check: () => Promise<boolean>, what: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const answeredCall = async (from: string) => {
    const call = await startCall({ target: asterisk.sip, from, trunkHost: TRUNK_HOST, logDir });
    calls.push(call);
    await call.answered(GONE_MS);
    await until(async () => (await channels(from)).length === 1, `Asterisk's channel for ${from}`, GONE_MS);
    return call;
  };

  beforeAll(async () => {
    logDir = mkdtempSync(path.join(tmpdir(), 'cc1357-sipp-caller-'));
    asterisk = await createAsteriskInstance({ prefix: prefix!, env: { TRUNK_HOST, AGENT_EXTENSIONS: '1001' } });
    await asterisk.start();
  }, 120_000);
  afterEach(async () => {
    for (const call of calls.splice(0)) await call.close();
    // A failed test leaves its call up in Asterisk; the next one starts without it.
    await asterisk.cli('channel request hangup all');
  });
  afterAll(async () => {
    await asterisk?.dispose();
    if (logDir) rmSync(logDir, { recursive: true, force: true });
  });

  /**
   * Telephony's part played by a bare ARI socket for `callcenter`: every caller entering Stasis is
   * hung up unanswered, with the reason given for their number (none: ARI's default, normal).
   * While it is open no call falls back to the dialplan's queue; closed, they do again.
   */
  const refusingApp = async (reasons: Record<string, string | undefined>) => {
    const { url, username, password } = asterisk.ari;
    const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ari/events?app=callcenter`, { headers: { authorization } });
    ws.on('message', (data: Buffer) => {
      const event = JSON.parse(data.toString()) as {
        type: string;
        channel?: { id: string; caller: { number: string } };
      };
      if (event.type !== 'StasisStart' || !event.channel) return;
      const reason = reasons[event.channel.caller.number];
      void fetch(`${url}/ari/channels/${event.channel.id}${reason ? `?reason=${reason}` : ''}`, {
        method: 'DELETE',
        headers: { authorization },
      });
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return { close: () => new Promise((resolve) => ws.once('close', resolve).close()) };
  };

  it('a call refused before the answer: ACKs the final response, logs its status and ends', async () => {
    const app = await refusingApp({ '01012340003': 'congestion', '01012340004': undefined });
    try {
      for (const [from, status] of [
        ['01012340003', 503],
        ['01012340004', 603],
      ] as const) {
        const call = await startCall({ target: asterisk.sip, from, trunkHost: TRUNK_HOST, logDir });
        calls.push(call);
        expect(await call.refused(GONE_MS)).toBe(status);
        await call.sipp.exited;
        expect(call.sipp.logLines()).toEqual([`refused ${status}`]);
        expect(call.sipp.diagnostics()).not.toContain('Aborting call');
        await until(async () => (await channels(from)).length === 0, 'the call to leave Asterisk', GONE_MS);
      }
    } finally {
      await app.close();
    }
  });

  it('hangs up once when told twice at once: its own BYE ends the call in Asterisk', async () => {
    const call = await answeredCall('01012340001');

    await Promise.all([call.hangup(), call.hangup()]);

    await until(async () => (await channels(call.from)).length === 0, 'the call to leave Asterisk', GONE_MS);
    expect(call.sipp.logLines().filter((l) => l === 'command bye')).toHaveLength(1);
    expect(call.sipp.logLines()).toContain('hung up');
    expect(call.sipp.diagnostics()).not.toContain('Aborting call');
  });

  it('carries out a hang-up told while a digit is still being played, after the digit', async () => {
    const call = await answeredCall('01012340002');

    await Promise.all([call.press('1'), call.hangup()]);

    await until(async () => (await channels(call.from)).length === 0, 'the call to leave Asterisk', GONE_MS);
    expect(call.sipp.logLines().filter((l) => l.startsWith('command'))).toEqual(['command 1', 'command bye']);
    expect(call.sipp.logLines()).toContain('hung up');
    expect(call.sipp.diagnostics()).not.toContain('Aborting call');
  });
});
