import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeTcpPort } from '@cc1357/asterisk-config/testbed';
import type { PbxDriver } from '../../support/center';

const TSX = createRequire(import.meta.url).resolve('tsx');
/** pbx-sim's standalone entry, the workspace next door. */
const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../pbx-sim/src/main.ts');
const USER = 'asterisk';
const PASSWORD = 'drill-pbx-password';

export interface PbxProcess extends PbxDriver {
  /** SIGKILL: every call, bridge and recording in progress dies with it. */
  kill(): Promise<void>;
  /** A fresh pbx-sim on the same port (as a supervisor restarting the PBX would): no channels at all. */
  restart(): Promise<void>;
}

/**
 * pbx-sim in a process of its own on a fixed loopback port, so a drill can SIGKILL it with calls
 * up and start a new one where telephony looks for it. The driver steers it as the in-process
 * simPbx (test/support/center.ts) does, over its control API.
 */
export async function spawnPbxSim(opts: { timeScale: number; recordingDir: string }): Promise<PbxProcess> {
  const port = await freeTcpPort();
  const url = `http://127.0.0.1:${port}`;
  const auth = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
  let proc: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const control = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${url}/control${route}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`pbx-sim ${method} ${route}: HTTP ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  };
  const start = async () => {
    const child = spawn(process.execPath, ['--import', TSX, MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        PBX_SIM_HOST: '127.0.0.1',
        PBX_SIM_PORT: String(port),
        PBX_SIM_USER: USER,
        PBX_SIM_PASSWORD: PASSWORD,
        PBX_SIM_TIME_SCALE: String(opts.timeScale),
        PBX_SIM_RECORDING_DIR: opts.recordingDir,
        PBX_SIM_LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    proc = child;
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => void (stderr = (stderr + c.toString()).slice(-4000)));
    // If the drill's own process ends first, its child must not outlive it.
    const orphanGuard = () => child.kill('SIGKILL');
    process.once('exit', orphanGuard);
    exited = new Promise<void>((resolve) =>
      child.once('exit', () => {
        process.off('exit', orphanGuard);
        resolve();
      }),
    );
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`pbx-sim exited (${child.exitCode}): ${stderr}`);
      if (
        await control('GET', '/channels').then(
          () => true,
          () => false,
        )
      )
        return;
      if (Date.now() > deadline) throw new Error(`pbx-sim never answered on ${url}: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const kill = async () => {
    const p = proc;
    if (p && p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    ari: { url, username: USER, password: PASSWORD },
    phoneControlUrl: url,
    async placeCall(from) {
      const r = (await control('POST', '/calls', { from, to: '1357' })) as { channelId: string; route: string };
      if (r.route !== 'stasis') throw new Error(`call was not taken by the app: ${r.route}`);
      return r.channelId;
    },
    dtmf: async (channelId, digits) =>
      void (await control('POST', `/channels/${encodeURIComponent(channelId)}/dtmf`, { digits, gapMs: 0 })),
    hangup: async (channelId) => void (await control('POST', `/channels/${encodeURIComponent(channelId)}/hangup`, {})),
    setPhone: async (agentId, mode) =>
      void (await control('PUT', `/phones/${encodeURIComponent(`PJSIP/${agentId}`)}`, { mode, answerAfterMs: 0 })),
    dropAriSocket: async () => void (await control('POST', '/ws/drop', {})),
    async recordingStored(name) {
      const res = await fetch(`${url}/ari/recordings/stored/${encodeURIComponent(name)}`, {
        headers: { authorization: auth },
      });
      return res.status === 200;
    },
    channelIds: async () => ((await control('GET', '/channels')) as { id: string }[]).map((c) => c.id),
    async originates(endpoint) {
      const log = (await control('GET', '/requests')) as {
        method: string;
        path: string;
        query: Record<string, string>;
      }[];
      return log.filter((r) => r.method === 'POST' && /\/channels\/?$/.test(r.path) && r.query.endpoint === endpoint)
        .length;
    },
    kill,
    async restart() {
      await kill();
      await start();
    },
    close: kill,
  };
}
