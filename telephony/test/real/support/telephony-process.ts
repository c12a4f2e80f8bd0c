import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AsteriskInstance, freeTcpPort } from '@cc1357/asterisk-config/testbed';
import { type Center, SECRET, until } from '../../support/center';
import { TEST_REDIS_URL } from '../../support/redis';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src/main.ts');
const TSX = createRequire(import.meta.url).resolve('tsx');

/** Telephony as production runs it: its own process (`tsx src/main.ts`), killable with SIGKILL. */
export function telephonyProcess(env: Record<string, string>): { proc: ChildProcess; exited: Promise<void> } {
  const proc = spawn(process.execPath, ['--import', TSX, MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { proc, exited: new Promise((resolve) => proc.once('exit', () => resolve())) };
}

/** The environment of a telephony process on `asterisk`, with the center's Redis prefix and crm-api. */
export function telephonyEnv(
  asterisk: AsteriskInstance,
  center: Center,
  port: number,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    ARI_URL: asterisk.ari.url,
    ARI_USERNAME: asterisk.ari.username,
    ARI_PASSWORD: asterisk.ari.password,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: center.prefix,
    CRM_API_URL: center.crmUrl,
    AUTH_SECRET: SECRET,
    TELEPHONY_PORT: String(port),
    TELEPHONY_HOST: '127.0.0.1',
    PHONE_DRIVER: 'sip',
    IVR_ALWAYS_OPEN: 'true',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** Resolves once telephony at `url` answers /health with 200. */
export async function healthy(url: string, timeoutMs: number): Promise<void> {
  await until(
    async () => (await fetch(`${url}/health`).catch(() => null))?.status === 200,
    `telephony at ${url} healthy`,
    timeoutMs,
  );
}

export interface TelephonyNode {
  /** Where consoles connect. */
  url: string;
  /** The node's name in the live state (`chan:<node>`, a call's `node`). */
  node: string;
  /** SIGTERM (the process closes itself: outboxes flushed, ARI left), then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * One telephony node in a process of its own on `asterisk`. Several nodes of one test run as
 * separate processes, as they do in production: nothing of one (a module's state, a library's
 * process-wide setting) can stand in for the shared state in Redis.
 */
export async function startTelephonyNode(
  asterisk: AsteriskInstance,
  center: Center,
  extra: Record<string, string>,
  startTimeoutMs: number,
): Promise<TelephonyNode> {
  const port = await freeTcpPort();
  const url = `http://127.0.0.1:${port}`;
  const running = telephonyProcess(telephonyEnv(asterisk, center, port, extra));
  const stop = async () => {
    running.proc.kill('SIGTERM');
    const timer = setTimeout(() => running.proc.kill('SIGKILL'), 15_000);
    await running.exited;
    clearTimeout(timer);
  };
  try {
    await healthy(url, startTimeoutMs);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, node: `callcenter@${new URL(asterisk.ari.url).host}`, stop };
}
