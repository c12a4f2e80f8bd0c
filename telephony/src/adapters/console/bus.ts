import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * The one way telephony publishes to consoles, across processes: a Redis pub/sub channel that
 * every gateway instance listens to and delivers to its own sockets. Also carries nudges
 * ("an agent became ready: run the ACD", "the floor moved: refresh wallboards").
 */
export type BusMessage =
  | { kind: 'emit'; room: string; event: string; payload: unknown }
  | { kind: 'dispatch' }
  | { kind: 'floor' };

export class ConsoleBus {
  private readonly channel: string;
  private readonly handlers: ((msg: BusMessage) => void)[] = [];

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
    this.pub.publish(this.channel, JSON.stringify(msg)).catch((err: unknown) => this.log.warn({ err: String(err) }, 'bus publish failed'));
  }

  toAgent(agentId: string, event: string, payload: unknown): void {
    this.publish({ kind: 'emit', room: agentRoom(agentId), event, payload });
  }
}

export const agentRoom = (agentId: string) => `agent:${agentId}`;
export const SUPERVISORS_ROOM = 'supervisors';
