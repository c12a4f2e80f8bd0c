import { createSocket } from 'node:dgram';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A TCP port free on `host` right now (the OS picks it; a race with another process is possible but rare). */
export function freeTcpPort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A UDP port free on `host` right now. */
export function freeUdpPort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, host, () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/**
 * A free UDP port kept bound until `release()`: for a port that something will listen on only
 * later (the tier's partner center answers minutes after the tier starts). A port merely found
 * free is free for everyone: another Asterisk on the machine could take it for its RTP in the
 * meantime, and the INVITE meant for the partner would never be answered.
 */
export function reserveUdpPort(host = '127.0.0.1'): Promise<{ port: number; release(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, host, () => {
      const { port } = socket.address();
      let released: Promise<void> | null = null;
      resolve({
        port,
        release: () => (released ??= new Promise<void>((done) => socket.close(() => done()))),
      });
    });
  });
}

/** Whether every UDP port in [start, end] can be bound on `host` now. */
async function udpRangeFree(host: string, start: number, end: number): Promise<boolean> {
  const sockets: ReturnType<typeof createSocket>[] = [];
  try {
    for (let port = start; port <= end; port++) {
      const socket = createSocket('udp4');
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(port, host, () => resolve());
      });
    }
    return true;
  } catch {
    return false;
  } finally {
    await Promise.all(
      sockets.map((s) => new Promise<void>((resolve) => s.close(() => resolve())).catch(() => undefined)),
    );
  }
}

/** UDP ports the tiers' RTP ranges come from: below Linux's ephemeral range (32768–60999), so a socket bound to port 0 anywhere on the machine never lands in one. */
const CLAIM_FIRST_PORT = 20_000;
const CLAIM_LAST_PORT = 32_767;
/** Ranges are claimed in blocks of this many ports, one lock file per block. */
const CLAIM_BLOCK = 4;
/** Shared by every process on the machine that claims ranges. */
export const UDP_CLAIMS_DIR = path.join(tmpdir(), 'cc1357-udp-claims');

/** A UDP port range held for one user until `release()` (or until the holding process exits). */
export interface UdpRangeClaim {
  start: number;
  end: number;
  release(): void;
}

const heldBlockFiles = new Set<string>();
let exitHookInstalled = false;

function ownerAlive(file: string): boolean {
  try {
    const pid = Number(readFileSync(file, 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists under another user; ENOENT: released meanwhile (treated as taken, retry).
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EPERM' || code === 'ENOENT';
  }
}

/** Creates the block's lock file; takes over a file whose owner died. */
function claimBlock(dir: string, block: number): string | null {
  const file = path.join(dir, String(block));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      heldBlockFiles.add(file);
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (ownerAlive(file)) return null;
      rmSync(file, { force: true });
    }
  }
  return null;
}

function releaseFiles(files: string[]): void {
  for (const file of files) {
    heldBlockFiles.delete(file);
    rmSync(file, { force: true });
  }
}

/**
 * A range of `size` UDP ports (even start) for RTP — an Asterisk's or a SIPp's media ports —
 * claimed across every process on the machine through lock files in `dir`, and bindable on
 * `host` now.
 * Picking ranges merely "free right now" let a SIPp phone's media port be taken by another
 * tier's Asterisk a moment later (errno 98 at SIPp's start), with several tier files side by side.
 */
export async function claimUdpRange(size: number, host = '127.0.0.1', dir = UDP_CLAIMS_DIR): Promise<UdpRangeClaim> {
  mkdirSync(dir, { recursive: true });
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => releaseFiles([...heldBlockFiles]));
  }
  const blocks = Math.ceil(size / CLAIM_BLOCK);
  const starts = Math.floor((CLAIM_LAST_PORT + 1 - CLAIM_FIRST_PORT) / CLAIM_BLOCK) - blocks + 1;
  // From a random block, every possible start in turn: random so processes rarely contend, a
  // full sweep so a crowded machine still finds the last free range.
  const offset = Math.floor(Math.random() * starts);
  for (let i = 0; i < starts; i++) {
    const first = (offset + i) % starts;
    const files: string[] = [];
    for (let block = first; block < first + blocks; block++) {
      const file = claimBlock(dir, block);
      if (!file) break;
      files.push(file);
    }
    const start = CLAIM_FIRST_PORT + first * CLAIM_BLOCK;
    if (files.length === blocks && (await udpRangeFree(host, start, start + size - 1))) {
      let released = false;
      return {
        start,
        end: start + size - 1,
        release: () => {
          if (released) return;
          released = true;
          releaseFiles(files);
        },
      };
    }
    releaseFiles(files);
  }
  throw new Error(`no free range of ${size} UDP ports on ${host} (claims in ${dir})`);
}
