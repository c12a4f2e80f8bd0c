import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TESTBED_DIR } from '../paths';
import { claimUdpRange, freeUdpPort, type UdpRangeClaim } from './ports';

/**
 * SIPp (Debian's `sip-tester`) as the outside world of a test Asterisk: the carrier's calls to
 * 1357, agents' desk phones, a partner center. Scenarios live in asterisk-config/testbed/sipp;
 * audio and RFC 4733 digits come from the pcap files SIPp ships. A running call takes commands
 * (press a digit, hang up) as a SIP INFO the test sends to SIPp's port with the call's Call-ID.
 */

const SCENARIOS = path.join(TESTBED_DIR, 'sipp');
const PCAP_CANDIDATES = [
  '/usr/share/sip-tester',
  '/usr/share/sipp/pcap',
  '/usr/share/sipp',
  '/usr/local/share/sipp/pcap',
];

/** The folder holding SIPp's `g711a.pcap` and `dtmf_2833_<digit>.pcap` (SIPP_PCAP_DIR, or where packages put them). */
export function sippPcapDir(env: Record<string, string | undefined> = process.env): string | null {
  const candidates = env.SIPP_PCAP_DIR ? [env.SIPP_PCAP_DIR] : PCAP_CANDIDATES;
  return (
    candidates.find(
      (dir) => existsSync(path.join(dir, 'g711a.pcap')) && existsSync(path.join(dir, 'dtmf_2833_1.pcap')),
    ) ?? null
  );
}

/** Why SIPp cannot run here, or null when it can. */
export function sippMissing(): string | null {
  const probe = spawnSync('sipp', ['-v'], { encoding: 'utf8' });
  if (probe.error) return 'sipp is not installed (Debian: apt-get install sip-tester)';
  return sippPcapDir() ? null : `no SIPp pcap folder (looked in ${PCAP_CANDIDATES.join(', ')}; set SIPP_PCAP_DIR)`;
}

export interface SippTarget {
  host: string;
  port: number;
}

interface SippProcessOptions {
  name: string;
  scenario: string;
  args: string[];
  localHost: string;
  logDir: string;
  /** Call-ID prefix; SIPp makes `<prefix>-<call number>`. */
  callIdPrefix: string;
  /** A fixed SIP port (default: a free one). */
  localPort?: number;
  /** Sends and takes RTP on this address, on ports claimed for this process until it exits. */
  mediaHost?: string;
}

/** One SIPp process, its `<log>` lines and its exit. */
export class SippProcess {
  readonly exited: Promise<number | null>;
  private readonly proc: ChildProcess;
  private readonly logFile: string;
  private readonly errorFile: string;
  private stderr = '';

  private constructor(
    readonly name: string,
    readonly localHost: string,
    readonly localPort: number,
    readonly callIdPrefix: string,
    options: SippProcessOptions,
    pcapDir: string,
    media: UdpRangeClaim | null,
  ) {
    mkdirSync(options.logDir, { recursive: true });
    this.logFile = path.join(options.logDir, `${options.name}.log`);
    this.errorFile = path.join(options.logDir, `${options.name}.errors.log`);
    const args = [
      '-sf',
      path.join(SCENARIOS, options.scenario),
      '-i',
      options.localHost,
      '-p',
      String(localPort),
      '-cid_str',
      `${options.callIdPrefix}-%u`,
      '-nostdin',
      '-trace_logs',
      '-log_file',
      this.logFile,
      '-trace_err',
      '-error_file',
      this.errorFile,
      ...(media && options.mediaHost ? ['-mi', options.mediaHost, '-mp', String(media.start)] : []),
      // CC1357_SIPP_TRACE=1: every SIP message sent and received, in <name>.msg.log beside the log.
      ...(process.env.CC1357_SIPP_TRACE === '1'
        ? ['-trace_msg', '-message_file', path.join(options.logDir, `${options.name}.msg.log`)]
        : []),
      ...options.args,
    ];
    this.proc = spawn('sipp', args, { cwd: pcapDir, stdio: ['ignore', 'ignore', 'pipe'] });
    this.proc.stderr?.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)));
    this.exited = new Promise((resolve) =>
      this.proc.once('exit', (code) => {
        media?.release();
        resolve(code);
      }),
    );
  }

  static async start(options: SippProcessOptions): Promise<SippProcess> {
    const pcapDir = sippPcapDir();
    if (!pcapDir) throw new Error(sippMissing() ?? 'SIPp pcaps missing');
    const port = options.localPort ?? (await freeUdpPort(options.localHost));
    // SIPp binds the audio port, the one after it and (video) two more: four ports.
    const media = options.mediaHost ? await claimUdpRange(4, options.mediaHost) : null;
    return new SippProcess(options.name, options.localHost, port, options.callIdPrefix, options, pcapDir, media);
  }

  running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** The scenario's `<log>` lines so far. */
  logLines(): string[] {
    if (!existsSync(this.logFile)) return [];
    return readFileSync(this.logFile, 'utf8').split('\n').filter(Boolean);
  }

  /** Why it failed, for error messages: SIPp's stderr and unexpected-message log. */
  diagnostics(): string {
    const errors = existsSync(this.errorFile) ? readFileSync(this.errorFile, 'utf8').slice(-2000) : '';
    return `${this.name}: ${this.stderr.trim()} ${errors.trim()}`.trim();
  }

  /** Waits until a `<log>` line matches (bounded; fails early if SIPp exits). */
  async waitForLog(pattern: RegExp, what: string, timeoutMs: number): Promise<string> {
    return (await this.waitForLines(pattern, 1, what, timeoutMs))[0]!;
  }

  /** Waits until `count` `<log>` lines match and returns them (bounded; fails early if SIPp exits). */
  async waitForLines(pattern: RegExp, count: number, what: string, timeoutMs: number): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    const matching = () => this.logLines().filter((l) => pattern.test(l));
    for (;;) {
      const lines = matching();
      if (lines.length >= count) return lines;
      if (!this.running()) {
        // It may have logged the line just before it exited.
        const last = matching();
        if (last.length >= count) return last;
        throw new Error(`${this.name} exited before ${what} (${this.diagnostics()})`);
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${this.diagnostics()})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * Sends the scenario a command (an INFO with `X-Cc-Command`) for call number `callNumber` and
   * resolves once the scenario logged taking it (`command <c>`). SIPp cannot answer the INFO to
   * us (it answers only its remote), so the log is the receipt.
   */
  async command(command: string, callNumber = 1): Promise<void> {
    const taken = (line: string) => line === `command ${command}`;
    const before = this.logLines().filter(taken).length;
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, this.localHost, () => {
        const { port } = socket.address();
        const message = [
          `INFO sip:sipp@${this.localHost}:${this.localPort} SIP/2.0`,
          `Via: SIP/2.0/UDP ${this.localHost}:${port};branch=z9hG4bK-${randomBytes(6).toString('hex')}`,
          `From: <sip:test@${this.localHost}:${port}>;tag=${randomBytes(4).toString('hex')}`,
          `To: <sip:sipp@${this.localHost}:${this.localPort}>`,
          `Call-ID: ${this.callIdPrefix}-${callNumber}`,
          'CSeq: 1 INFO',
          'Max-Forwards: 70',
          `X-Cc-Command: ${command}`,
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n');
        socket.send(message, this.localPort, this.localHost, (err) => (err ? reject(err) : resolve()));
      });
    }).finally(() => socket.close());
    const deadline = Date.now() + 3_000;
    while (this.logLines().filter(taken).length <= before) {
      if (!this.running())
        throw new Error(`${this.name} exited before taking command '${command}' (${this.diagnostics()})`);
      if (Date.now() > deadline)
        throw new Error(`${this.name} did not take command '${command}' (${this.diagnostics()})`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.running()) this.proc.kill(signal);
    await this.exited;
  }
}

const token = () => randomBytes(5).toString('hex');

/**
 * How long a caller's command waits for the scenario to be waiting (a hang guard: it is back within
 * a few hundred ms of the command before, and right after the answer).
 */
const COMMAND_MS = 15_000;

/** A carrier call from `from` to the service number, delivered from the trunk's address. */
export interface SippCall {
  readonly from: string;
  readonly sipp: SippProcess;
  /** Resolves once Asterisk answered (200 OK, ACK sent). */
  answered(timeoutMs: number): Promise<void>;
  /**
   * Resolves with the final status once Asterisk refused the call instead of answering it and
   * the ACK went (the call has ended): 503 when telephony's closed door turned the caller away
   * (cause 34), 603 for an unanswered call hung up plainly (cause 16). Fails if it was answered.
   */
  refused(timeoutMs: number): Promise<number>;
  press(digits: string): Promise<void>;
  /**
   * Hangs up (BYE) and resolves once Asterisk answered the BYE. Sent once: a second call (or
   * one while a command is still being carried out) waits for the same hang-up.
   */
  hangup(): Promise<void>;
  /** Resolves once Asterisk hung the call up (BYE received). */
  remoteHangup(timeoutMs: number): Promise<void>;
  /** Ended one way or the other. */
  ended(): boolean;
  close(): Promise<void>;
}

export async function startCall(options: {
  target: SippTarget;
  from: string;
  to?: string;
  trunkHost: string;
  logDir: string;
}): Promise<SippCall> {
  const sipp = await SippProcess.start({
    name: `call-${options.from}-${token()}`,
    scenario: 'caller.xml',
    localHost: options.trunkHost,
    mediaHost: options.trunkHost,
    logDir: options.logDir,
    callIdPrefix: `cc-call-${token()}`,
    args: [
      `${options.target.host}:${options.target.port}`,
      '-s',
      options.to ?? '1357',
      '-key',
      'caller',
      options.from,
      '-m',
      '1',
    ],
  });
  // caller.xml takes a command only at its wait, and logs `waiting` each time it gets there (after
  // the answer, after each command but `bye`). An INFO reaching it anywhere else (still on the
  // command before, or sending its BYE) makes SIPp abort the call with a BYE built from that
  // INFO, which Asterisk answers 481, keeping the call: a second `bye` sent as the first was being
  // carried out left calls up in Asterisk under load. So commands go one at a time, each once
  // the scenario waits again, and `bye` goes once.
  let taken = 0;
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(step: () => Promise<T>): Promise<T> => {
    const result = turn.then(step);
    turn = result.catch(() => undefined);
    return result;
  };
  const send = async (command: string) => {
    await sipp.waitForLines(
      /^waiting$/,
      taken + 1,
      `the call from ${options.from} waiting for '${command}'`,
      COMMAND_MS,
    );
    await sipp.command(command);
    taken++;
  };
  let hangingUp: Promise<void> | null = null;
  return {
    from: options.from,
    sipp,
    answered: (timeoutMs) =>
      sipp.waitForLog(/answered/, `call from ${options.from} answered`, timeoutMs).then(() => undefined),
    async refused(timeoutMs) {
      const line = await sipp.waitForLog(/^(refused \d{3}|answered)$/, `call from ${options.from} refused`, timeoutMs);
      const status = /^refused (\d{3})$/.exec(line)?.[1];
      if (!status) throw new Error(`call from ${options.from} was answered, not refused`);
      return Number(status);
    },
    async press(digits) {
      for (const digit of digits) {
        await inTurn(() => send(digit));
        // RFC 4733 events of one digit last ~140 ms; the next waits for the end so they stay apart.
        await new Promise((r) => setTimeout(r, 300));
      }
    },
    hangup: () =>
      (hangingUp ??= inTurn(async () => {
        await send('bye');
        // SIPp retransmits an unanswered BYE for about 24 s (7 times, T1 500 ms, T2 4 s) before giving up.
        await sipp.waitForLog(/^hung up$/, `Asterisk answering the BYE of the call from ${options.from}`, 30_000);
      })),
    remoteHangup: (timeoutMs) =>
      sipp
        .waitForLog(/remote hangup/, `Asterisk hanging up the call from ${options.from}`, timeoutMs)
        .then(() => undefined),
    ended: () => !sipp.running(),
    close: () => sipp.kill(),
  };
}

/**
 * An agent's desk phone: registered as PJSIP `ext`, answers every call at once. With `also`, one
 * phone (one SIP port) registered with two PBXs (phone-two-pbx.xml): its log lists the calls of
 * both in the order they reached it.
 */
export interface SippPhone {
  readonly ext: string;
  readonly sipp: SippProcess;
  registered(timeoutMs: number): Promise<void>;
  /** How many calls it answered so far. */
  answeredCalls(): number;
  unregister(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startPhone(options: {
  target: SippTarget;
  ext: string;
  password: string;
  host: string;
  logDir: string;
  /** A second PBX to register with (same extension and password). */
  also?: SippTarget;
}): Promise<SippPhone> {
  const { also } = options;
  const sipp = await SippProcess.start({
    name: `phone-${options.ext}-${token()}`,
    scenario: also ? 'phone-two-pbx.xml' : 'phone.xml',
    localHost: options.host,
    mediaHost: options.host,
    logDir: options.logDir,
    callIdPrefix: `cc-phone-${options.ext}-${token()}`,
    args: [
      `${options.target.host}:${options.target.port}`,
      '-oocsf',
      path.join(SCENARIOS, 'phone-calls.xml'),
      '-key',
      'ext',
      options.ext,
      '-au',
      options.ext,
      '-ap',
      options.password,
      ...(also
        ? [
            ...['-key', 'first_host', options.target.host, '-key', 'first_port', String(options.target.port)],
            ...['-key', 'second_host', also.host, '-key', 'second_port', String(also.port)],
          ]
        : []),
      '-m',
      '1',
    ],
  });
  return {
    ext: options.ext,
    sipp,
    registered: (timeoutMs) =>
      sipp.waitForLog(/^.*\bregistered\b/, `phone ${options.ext} registered`, timeoutMs).then(() => undefined),
    answeredCalls: () => sipp.logLines().filter((l) => /answered/.test(l)).length,
    async unregister(timeoutMs) {
      await sipp.command('unregister');
      await sipp.waitForLog(/unregistered/, `phone ${options.ext} unregistered`, timeoutMs);
    },
    close: () => sipp.kill(),
  };
}

/** A partner center's switch: answers (or refuses with 486 Busy Here) every call it gets. */
export interface SippPartner {
  readonly sipp: SippProcess;
  readonly address: string;
  answeredCalls(): number;
  refusedCalls(): number;
  close(): Promise<void>;
}

/** `port`: the one PARTNER_TRUNK_HOST names (the instance was configured with it before the partner runs). */
export async function startPartner(options: {
  host: string;
  port: number;
  logDir: string;
  refuse?: boolean;
}): Promise<SippPartner> {
  const sipp = await SippProcess.start({
    name: `partner-${token()}`,
    scenario: options.refuse ? 'partner-busy.xml' : 'partner.xml',
    localHost: options.host,
    logDir: options.logDir,
    callIdPrefix: `cc-partner-${token()}`,
    localPort: options.port,
    mediaHost: options.host,
    args: [],
  });
  return {
    sipp,
    address: `${options.host}:${sipp.localPort}`,
    answeredCalls: () => sipp.logLines().filter((l) => /answered/.test(l)).length,
    refusedCalls: () => sipp.logLines().filter((l) => /refused/.test(l)).length,
    close: () => sipp.kill(),
  };
}
