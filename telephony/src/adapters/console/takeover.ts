import type { SessionReplacedV1 } from '@cc1357/contracts';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { BusMessage, ConsoleBus } from './bus';
import type { ConsoleSocket } from './gateway';

/**
 * One counselor, one console. When a counselor's console connects, it claims the agent on the
 * bus; every telephony node then tells each older console of that agent it holds
 * (`session.replaced.v1`) and disconnects it. The agent itself is untouched: the newer console
 * was counted present before it claimed, so the older one's leaving is no "console gone" (no
 * grace timer, no Not ready, no call withdrawn), and it got the state and call on connect.
 *
 * Which console is newer is decided by Redis' clock (one clock for every node), taken when the
 * console claims; ties go to the larger socket id. Every node sees every claim on the bus, in any
 * order, and keeps the newest claim per agent, so two consoles connecting at once on two nodes end
 * with exactly one of them (the newer), whichever claim arrives first.
 * Supervisors' and admins' consoles never claim: they may watch from several screens.
 */
export type TakeoverMessage = {
  kind: 'takeover';
  agentId: string;
  socketId: string;
  /** Redis server time in microseconds when the console claimed. */
  order: number;
  at: string;
  device: string | null;
};

interface Claim {
  agentId: string;
  socketId: string;
  order: number;
}

export interface ConsoleTakeoverDeps {
  bus: Pick<ConsoleBus, 'publish' | 'onMessage'>;
  /** The shared clock that orders claims across nodes (Redis TIME, in microseconds). */
  clock: () => Promise<number>;
  log: Logger;
}

export class ConsoleTakeover {
  /** This node's counselor consoles that claimed, by socket id. */
  private readonly mine = new Map<string, { claim: Claim; socket: ConsoleSocket }>();
  /** The newest claim seen per agent (on any node). */
  private readonly newest = new Map<string, TakeoverMessage>();

  constructor(private readonly deps: ConsoleTakeoverDeps) {
    deps.bus.onMessage((msg: BusMessage) => {
      if (msg.kind === 'takeover') this.seen(msg);
    });
  }

  /** A counselor's console connected (and is counted present): it becomes the agent's one console. */
  async claim(agentId: string, socket: ConsoleSocket): Promise<void> {
    const order = await this.deps.clock();
    if (!socket.connected) return;
    const claim: Claim = { agentId, socketId: socket.id, order };
    const newer = this.newest.get(agentId);
    // A newer console claimed while this one asked the clock: this one is already the older.
    if (newer && isOlder(claim, newer)) return this.replace(socket, newer);
    this.mine.set(socket.id, { claim, socket });
    socket.once('disconnect', () => this.mine.delete(socket.id));
    this.deps.bus.publish({
      kind: 'takeover',
      ...claim,
      at: new Date(Math.floor(order / 1000)).toISOString(),
      device: deviceLabel(socket.handshake.headers['user-agent']),
    });
  }

  private seen(msg: TakeoverMessage): void {
    const known = this.newest.get(msg.agentId);
    if (!known || isOlder(known, msg)) this.newest.set(msg.agentId, msg);
    for (const { claim, socket } of [...this.mine.values()])
      if (claim.agentId === msg.agentId && isOlder(claim, msg)) this.replace(socket, msg);
  }

  private replace(socket: ConsoleSocket, by: TakeoverMessage): void {
    this.mine.delete(socket.id);
    this.deps.log.info(
      { agent: by.agentId, socket: socket.id, by: by.socketId },
      `agent ${by.agentId}: a newer console took over; the older one is disconnected`,
    );
    const payload: SessionReplacedV1 = { reason: 'replaced', at: by.at, device: by.device };
    socket.emit('session.replaced.v1', payload);
    socket.disconnect(true);
  }
}

function isOlder(a: Claim, b: Claim): boolean {
  return a.order < b.order || (a.order === b.order && a.socketId < b.socketId);
}

/** Redis' clock in microseconds: the same for every telephony node sharing it. */
export function redisClock(redis: Pick<Redis, 'time'>): () => Promise<number> {
  return async () => {
    const [seconds, micros] = await redis.time();
    return Number(seconds) * 1_000_000 + Number(micros);
  };
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/Whale\//, 'Whale'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** "Chrome · Windows" from a User-Agent: enough to recognise one's other PC, nothing identifying. */
export function deviceLabel(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
  const label = [browser, system].filter(Boolean).join(' · ');
  return label || null;
}
