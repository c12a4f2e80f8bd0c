import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsteriskInstance, asteriskPrefix, createAsteriskInstance } from '../src/testbed/index';

const prefix = asteriskPrefix();
if (!prefix)
  console.info(
    'asterisk-config: real Asterisk checks skipped (set TEST_ASTERISK_PREFIX to a build from asterisk-config/testbed/build.sh; .ci/run does)',
  );

/** Logs in to AMI over a raw socket; resolves with Asterisk's answer to the login. */
function amiLogin(instance: AsteriskInstance, secret: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(instance.ami.port, instance.ami.host);
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      const answer = /Response: (\w+)[\s\S]*?\r\n\r\n/.exec(text);
      if (answer) {
        socket.end('Action: Logoff\r\n\r\n');
        resolve(answer[1] as string);
      }
    });
    socket.once('connect', () =>
      socket.write(`Action: Login\r\nUsername: ${instance.ami.username}\r\nSecret: ${secret}\r\n\r\n`),
    );
    socket.once('error', reject);
  });
}

/**
 * The configuration in etc/asterisk, exactly as committed, loaded by a real Asterisk 22.10.1
 * (built by testbed/build.sh): the environment moves folders, ports and secrets, nothing else.
 */
describe.skipIf(!prefix)('a real Asterisk 22 with this configuration', () => {
  let asterisk: AsteriskInstance;
  beforeAll(async () => {
    asterisk = await createAsteriskInstance({
      prefix: prefix!,
      env: { TRUNK_HOST: '127.0.0.2', PARTNER_TRUNK_HOST: '127.0.0.3:5999', AGENT_EXTENSIONS: '1001 1002' },
    });
    await asterisk.start();
  }, 120_000);
  afterAll(async () => asterisk?.dispose());

  it('starts without a single error in its log', () => {
    expect(asterisk.errorsSinceStart()).toEqual([]);
  });

  it('keeps every folder it writes in the run directory the environment named', async () => {
    const settings = await asterisk.cli('core show settings');
    for (const [label, dir] of [
      ['Spool directory', asterisk.env.ASTERISK_SPOOL_DIR],
      ['Log directory', asterisk.env.ASTERISK_LOG_DIR],
      ['Run/Sockets directory', asterisk.env.ASTERISK_RUN_DIR],
    ] as const) {
      expect(settings).toMatch(new RegExp(`${label.replace('/', '\\/')}:\\s+${dir}`));
    }
  });

  it('listens on loopback only: HTTP (ARI), AMI and SIP', async () => {
    expect(await asterisk.cli('http show status')).toContain(
      `Server Enabled and Bound to 127.0.0.1:${asterisk.env.ASTERISK_HTTP_PORT}`,
    );
    expect(await asterisk.cli('manager show settings')).toMatch(
      new RegExp(`TCP Bindaddress:\\s+127\\.0\\.0\\.1:${asterisk.env.AMI_PORT}`),
    );
    expect(await asterisk.cli('pjsip show transports')).toContain(`127.0.0.1:${asterisk.sip.port}`);
  });

  it('lets telephony into AMI from loopback with the secret from the environment, and nobody without it', async () => {
    expect(await amiLogin(asterisk, asterisk.ami.secret)).toBe('Success');
    expect(await amiLogin(asterisk, 'wrong')).toBe('Error');
  });

  it('routes 1357 to Stasis(callcenter) and keeps the fallback queue off phones in use', async () => {
    expect(await asterisk.cli('dialplan show 1357@from-trunk')).toContain('callcenter-entry');
    expect(await asterisk.cli('dialplan show callcenter-entry')).toContain('Stasis(callcenter,inbound)');
    const queue = await asterisk.cli('queue show fallback');
    expect(queue).toContain('PJSIP/1001');
    expect(queue).toContain('PJSIP/1002');
    expect(queue).toContain('ringinuse disabled');
  });

  it('restarts with the same ports and folders, again without errors', async () => {
    await asterisk.stop();
    expect(asterisk.running()).toBe(false);
    await asterisk.start();
    expect(asterisk.errorsSinceStart()).toEqual([]);
    expect(await amiLogin(asterisk, asterisk.ami.secret)).toBe('Success');
  }, 120_000);
});
