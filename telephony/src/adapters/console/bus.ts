import type { ServerToClientEvents } from '@cc1357/contracts';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { TakeoverMessage } from './takeover';

/** A console event name and the payload that event carries (contracts' socket events). */
export type ConsoleEvent = keyof ServerToClientEvents;
export type ConsolePayload<E extends ConsoleEvent> = Parameters<ServerToClientEvents[E]>[0];

/** One console event for one room; the union over every event keeps name and payload together. */
export type RoomEmit<E extends ConsoleEvent = ConsoleEvent> = {
  [K in E]: { kind: 'emit'; room: string; event: K; payload: ConsolePayload<K> };
}[E];

/**
 * The one way telephony publishes to consoles, across processes: a Redis pub/sub channel that
 * every gateway instance listens to and delivers to its own sockets. Also carries nudges
 * ("an agent became ready: run the ACD", "the floor moved: refresh wallboards") and claims
 * ("this console is now the agent's one console", takeover.ts).
 */
export type BusMessage = RoomEmit | { kind: 'dispatch' } | { kind: 'floor' } | TakeoverMessage;

/**
 * How often this process tells the others the floor moved, at most (ms). Every process's
 * wallboard looks again at most every 250 ms anyway (FloorService), and a call moved the floor
 * about eight times: at 60 calls/s that was 480 publishes a second, each received and parsed by
 * every process.
 */
export const FLOOR_NUDGE_WINDOW_MS = 100;

export class ConsoleBus {
  private readonly channel: string;
  private readonly handlers: ((msg: BusMessage) => void)[] = [];
  /** Open while a floor nudge went out less than FLOOR_NUDGE_WINDOW_MS ago. */
  private floorWindow: NodeJS.Timeout | null = null;
  /** A floor nudge was asked for inside the window: it goes out when the window closes. */
  private floorAgain = false;
  /** A dispatch nudge waits for the end of this turn of the event loop. */
  private dispatchPending = false;
  /** Stopping: no nudge goes out any more (the publishing connection is about to quit). */
  private closed = false;

  constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    prefix: string,
    private readonly log: Logger,
  ) {
    this.channel = `${prefix}bus`;
  }

  async start(): Promise<void> {
    this.sub.on('message', (channel: string, text: string) => {
      if (channel !== this.channel) return;
      let msg: BusMessage;
      try {
        msg = JSON.parse(text) as BusMessage;
      } catch {
        this.log.warn('unreadable bus message ignored');
        return;
      }
      for (const handler of this.handlers) {
        try {
          handler(msg);
        } catch (err) {
          this.log.error({ err }, 'bus handler threw');
        }
      }
    });
    await this.sub.subscribe(this.channel);
  }

  onMessage(handler: (msg: BusMessage) => void): void {
    this.handlers.push(handler);
  }

  publish(msg: BusMessage): void {
    this.pub
      .publish(this.channel, JSON.stringify(msg))
      .catch((err: unknown) => this.log.warn({ err: String(err) }, 'bus publish failed'));
  }

  /**
   * The floor moved (a queue, an agent, the door): every process's wallboards look again. The
   * first nudge goes out at once; those asked for within the next FLOOR_NUDGE_WINDOW_MS go out
   * as one when it ends, so the last move is never left unseen.
   */
  nudgeFloor(): void {
    if (this.closed) return;
    if (this.floorWindow) {
      this.floorAgain = true;
      return;
    }
    this.publish({ kind: 'floor' });
    this.floorWindow = setTimeout(() => {
      this.floorWindow = null;
      if (!this.floorAgain) return;
      this.floorAgain = false;
      this.nudgeFloor();
    }, FLOOR_NUDGE_WINDOW_MS);
    // A nudge still waiting never keeps a stopping process alive.
    this.floorWindow.unref();
  }

  /**
   * Every process's ACD looks again (a caller queued, an agent Ready). The nudges asked for in one
   * turn of the event loop go out as one publish when it ends: under load a turn handles many
   * events, and each publish woke every process's dispatcher and virtual-hold check once more.
   */
  nudgeDispatch(): void {
    if (this.closed || this.dispatchPending) return;
    this.dispatchPending = true;
    setImmediate(() => {
      this.dispatchPending = false;
      if (!this.closed) this.publish({ kind: 'dispatch' });
    });
  }

  /** Drops the nudges still waiting: a process stopping has no floor left to tell of. */
  close(): void {
    this.closed = true;
    if (this.floorWindow) clearTimeout(this.floorWindow);
    this.floorWindow = null;
  }

  toAgent<E extends ConsoleEvent>(agentId: string, event: E, payload: ConsolePayload<E>): void {
    this.publish(roomEmit(agentRoom(agentId), event, payload));
  }
}

/** Builds the message for one event; the generic ties the payload to the event's name. */
export function roomEmit<E extends ConsoleEvent>(room: string, event: E, payload: ConsolePayload<E>): RoomEmit {
  // TypeScript cannot match a generic name to one member of the union: this is the one place they meet.
  return { kind: 'emit', room, event, payload } as RoomEmit;
}

export const agentRoom = (agentId: string) => `agent:${agentId}`;
export const SUPERVISORS_ROOM = 'supervisors';
