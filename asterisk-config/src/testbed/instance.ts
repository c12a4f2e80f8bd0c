import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ASTERISK_ETC_DIR } from '../paths';
import { claimUdpRange, freeTcpPort, freeUdpPort } from './ports';

/**
 * One Asterisk on loopback for tests, run from a build (asterisk-config/testbed/build.sh) with
 * the repo's `etc/asterisk` exactly as it is: the run directory holds only what Asterisk writes
 * (astdb, logs, recordings, control socket) and links to sounds; ports, folders and secrets
 * reach the configuration through the environment its #exec helpers read (bin/*.sh), and
 * Asterisk starts through bin/start-asterisk.sh like every other deployment.
 */
export interface AsteriskInstanceOptions {
  /** Install prefix of the build (what build.sh prints): `<prefix>/sbin/asterisk`. */
  prefix: string;
  /** More environment for the helpers: TRUNK_HOST, PARTNER_TRUNK_HOST, AGENT_EXTENSIONS, … */
  env?: Record<string, string>;
  /** Asterisk's stock sounds, one folder per language (Debian: asterisk-core-sounds-en-wav). */
  soundsDir?: string;
  /** Music on hold files (Debian: asterisk-moh-opsound-wav). */
  mohDir?: string;
  /** More sound folders, by name under `sounds/` (e.g. `{ cc1357: <prompts/audio> }`). */
  extraSounds?: Record<string, string>;
  /** Where the run directory goes (default: a new folder under the OS temp dir). */
  runDir?: string;
  /** How long a start may take before it counts as failed (ms). */
  startTimeoutMs?: number;
}

export interface AsteriskInstance {
  readonly runDir: string;
  readonly ari: { url: string; username: string; password: string };
  readonly ami: { host: string; port: number; username: string; secret: string };
  /** Where SIP phones and trunks reach Asterisk. */
  readonly sip: { host: string; port: number };
  /** The password every agent phone registers with (AGENT_SIP_PASSWORD). */
  readonly agentPassword: string;
  readonly recordingDir: string;
  readonly messagesLog: string;
  /** The environment the configuration was loaded with. */
  readonly env: Record<string, string>;
  running(): boolean;
  /** Starts (again, after `stop`/`kill`: same ports, folders and astdb); resolves once ARI answers and the boot is complete. */
  start(): Promise<void>;
  /** A CLI command (`asterisk -rx`), its output. */
  cli(command: string): Promise<string>;
  /** ERROR lines Asterisk logged since the last start began. */
  errorsSinceStart(): string[];
  /** Clean shutdown (SIGTERM, then SIGKILL if it hangs). */
  stop(): Promise<void>;
  /** SIGKILL, for crash scenarios. */
  kill(): Promise<void>;
  /** Stops and removes the run directory. */
  dispose(): Promise<void>;
}

export const DEBIAN_SOUNDS_DIR = '/usr/share/asterisk/sounds';
export const DEBIAN_MOH_DIR = '/usr/share/asterisk/moh';
const HOST = '127.0.0.1';

const secret = () => randomBytes(12).toString('hex');

/** Links every entry of `from` into `to` (the build's documentation, rest-api, … under astdatadir). */
function linkEntries(from: string, to: string, skip: Set<string>): void {
  if (!existsSync(from)) return;
  for (const name of readdirSync(from)) if (!skip.has(name)) symlinkSync(path.join(from, name), path.join(to, name));
}

export async function createAsteriskInstance(options: AsteriskInstanceOptions): Promise<AsteriskInstance> {
  const binary = path.join(options.prefix, 'sbin', 'asterisk');
  if (!existsSync(binary))
    throw new Error(`no Asterisk build at ${options.prefix} (run asterisk-config/testbed/build.sh)`);
  const runDir = options.runDir ?? mkdtempSync(path.join(tmpdir(), 'cc1357-asterisk-'));
  const dirs = {
    varlib: path.join(runDir, 'lib'),
    data: path.join(runDir, 'data'),
    spool: path.join(runDir, 'spool'),
    log: path.join(runDir, 'log'),
    run: path.join(runDir, 'run'),
    cache: path.join(runDir, 'cache'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(path.join(dirs.spool, 'recording'), { recursive: true });
  linkEntries(path.join(options.prefix, 'var', 'lib', 'asterisk'), dirs.data, new Set(['sounds', 'moh']));
  const sounds = path.join(dirs.data, 'sounds');
  mkdirSync(sounds);
  linkEntries(options.soundsDir ?? DEBIAN_SOUNDS_DIR, sounds, new Set(Object.keys(options.extraSounds ?? {})));
  for (const [name, dir] of Object.entries(options.extraSounds ?? {}))
    symlinkSync(path.resolve(dir), path.join(sounds, name));
  symlinkSync(options.mohDir ?? DEBIAN_MOH_DIR, path.join(dirs.data, 'moh'));

  const [httpPort, amiPort, sipPort, rtp] = await Promise.all([
    freeTcpPort(HOST),
    freeTcpPort(HOST),
    freeUdpPort(HOST),
    // Claimed for the instance's life: a SIPp's media ports never land inside Asterisk's RTP range.
    claimUdpRange(200, HOST),
  ]);
  const ari = { url: `http://${HOST}:${httpPort}`, username: 'callcenter', password: secret() };
  const ami = { host: HOST, port: amiPort, username: 'telephony', secret: secret() };
  // One password may be given (AGENT_SIP_PASSWORD in `env`): a phone registered with two instances.
  const agentPassword = options.env?.AGENT_SIP_PASSWORD ?? secret();
  const env: Record<string, string> = {
    ASTERISK_BIND_ADDRESS: HOST,
    ASTERISK_HTTP_PORT: String(httpPort),
    AMI_PORT: String(amiPort),
    SIP_PORT: String(sipPort),
    RTP_PORT_START: String(rtp.start),
    RTP_PORT_END: String(rtp.end),
    ASTERISK_VARLIB_DIR: dirs.varlib,
    ASTERISK_DATA_DIR: dirs.data,
    ASTERISK_SPOOL_DIR: dirs.spool,
    ASTERISK_LOG_DIR: dirs.log,
    ASTERISK_RUN_DIR: dirs.run,
    ASTERISK_CACHE_DIR: dirs.cache,
    ASTERISK_MOD_DIR: path.join(options.prefix, 'lib', 'asterisk', 'modules'),
    ARI_USERNAME: ari.username,
    ARI_PASSWORD: ari.password,
    AMI_USERNAME: ami.username,
    AMI_SECRET: ami.secret,
    AMI_PERMIT: `${HOST}/255.255.255.255`,
    AGENT_SIP_PASSWORD: agentPassword,
    ...options.env,
  };
  // Only what the helpers read, plus PATH for the shell: nothing else of the test process leaks in.
  const processEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', ASTERISK_BIN: binary, ...env };
  const confFile = path.join(ASTERISK_ETC_DIR, 'asterisk.conf');
  const messagesLog = path.join(dirs.log, 'messages.log');
  const consoleLog = path.join(dirs.log, 'console.log');

  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let logOffset = 0;

  const cli = (command: string) =>
    new Promise<string>((resolve, reject) => {
      execFile(
        binary,
        ['-C', confFile, '-X', '-rx', command],
        { cwd: ASTERISK_ETC_DIR, env: processEnv, timeout: 15_000 },
        (err, stdout, stderr) =>
          err ? reject(new Error(`asterisk -rx '${command}': ${err.message} ${stderr}`)) : resolve(stdout),
      );
    });

  const ariAnswers = async () => {
    const res = await fetch(`${ari.url}/ari/asterisk/ping`, {
      headers: { authorization: `Basic ${Buffer.from(`${ari.username}:${ari.password}`).toString('base64')}` },
    }).catch(() => null);
    return res?.status === 200;
  };

  const instance: AsteriskInstance = {
    runDir,
    ari,
    ami,
    sip: { host: HOST, port: sipPort },
    agentPassword,
    recordingDir: path.join(dirs.spool, 'recording'),
    messagesLog,
    env,
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    async start() {
      if (instance.running()) return;
      logOffset = existsSync(messagesLog) ? statSync(messagesLog).size : 0;
      const out = openSync(consoleLog, 'a');
      const proc = spawn(path.join(ASTERISK_ETC_DIR, 'bin', 'start-asterisk.sh'), ['-C', confFile], {
        env: processEnv,
        stdio: ['ignore', out, out],
      });
      closeSync(out);
      child = proc;
      exited = new Promise((resolve) => proc.once('exit', () => resolve()));
      const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
      while (!(await ariAnswers())) {
        if (!instance.running())
          throw new Error(
            `Asterisk exited while starting (exit ${proc.exitCode ?? proc.signalCode}); see ${consoleLog} and ${messagesLog}`,
          );
        if (Date.now() > deadline)
          throw new Error(`ARI did not answer at ${ari.url} within the start timeout; see ${messagesLog}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await cli('core waitfullybooted');
    },
    cli,
    errorsSinceStart() {
      if (!existsSync(messagesLog)) return [];
      return readFileSync(messagesLog)
        .subarray(logOffset)
        .toString('utf8')
        .split('\n')
        .filter((line) => /\] ERROR\[/.test(line));
    },
    async stop() {
      if (!instance.running()) return;
      child?.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (!instance.running()) return;
      child?.kill('SIGKILL');
      await exited;
    },
    async dispose() {
      await instance.stop();
      rtp.release();
      // CC1357_KEEP_TESTBED=1 keeps the run directory (config, logs) to read after a failure.
      if (process.env.CC1357_KEEP_TESTBED === '1') console.log(`testbed Asterisk kept: ${runDir}`);
      else rmSync(runDir, { recursive: true, force: true });
    },
  };
  return instance;
}
