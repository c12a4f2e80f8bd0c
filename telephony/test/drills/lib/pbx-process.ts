import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeTcpPort } from '@cc1357/asterisk-config/testbed';
import { type PbxDriver, simOperations } from '../../support/center';

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
export async function spawnPbxSim(opts: {
  timeScale: number;
  recordingDir: string;
  /** Node flags for the child, e.g. `--cpu-prof` from the bench's `BENCH_PBX_NODE_ARGS`. */
  nodeArgs?: readonly string[];
  /** The longest any recording runs (PBX_SIM_MAX_RECORDING_SECONDS); absent: no limit. */
  maxRecordingSeconds?: number;
}): Promise<PbxProcess> {
  const port = await freeTcpPort();
  const url = `http://127.0.0.1:${port}`;
  const sim = simOperations(url, { username: USER, password: PASSWORD });
  let proc: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const start = async () => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', TSX, MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        PBX_SIM_HOST: '127.0.0.1',
        PBX_SIM_PORT: String(port),
        PBX_SIM_USER: USER,
        PBX_SIM_PASSWORD: PASSWORD,
        PBX_SIM_TIME_SCALE: String(opts.timeScale),
        PBX_SIM_RECORDING_DIR: opts.recordingDir,
        PBX_SIM_LOG_LEVEL: 'silent',
        ...(opts.maxRecordingSeconds ? { PBX_SIM_MAX_RECORDING_SECONDS: String(opts.maxRecordingSeconds) } : {}),
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
        await sim.channelIds().then(
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
  const stop = async () => {
    const p = proc;
    if (p && p.exitCode === null && p.signalCode === null) p.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    ari: { url, username: USER, password: PASSWORD },
    phoneControlUrl: url,
    ...sim,
    kill,
    async restart() {
      await kill();
      await start();
    },
    // A gentle stop when profiling: a SIGKILLed child never writes its --cpu-prof.
    close: opts.nodeArgs?.length ? () => stop() : kill,
  };
}
