import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type ConsoleBus, SUPERVISORS_ROOM, agentRoom, roomEmit } from '../console/bus';
import type { CallEventOutbox } from '../crm/outbox';
import { AmiConnection, type AmiOptions } from './connection';
import { type AmiEvent, fallbackCallEvents } from './fallback-events';
import { type PhoneState, phoneStateOfContactStatus, phoneStatesOfEndpointList } from './phone-status';

/**
 * What only AMI sees, turned into the center's own facts:
 *   - the dialplan fallback queue's events → call events marked `fallback` (through the outbox,
 *     so crm-api gets them even if it is down for a while);
 *   - each agent phone's registration → Redis (`<prefix>phones`) and `phone.state.v1` to the
 *     agent's console and to supervisors (wallboard), whenever it changes.
 * Runs in its own process (src/ami-main.ts) so that calls are counted while telephony is down.
 */
export const PHONE_STATE_EVENT = 'phone.state.v1' as const;

export interface AmiMonitorDeps {
  ami: Omit<AmiOptions, 'log'>;
  outbox: CallEventOutbox;
  bus: ConsoleBus;
  redis: Redis;
  prefix: string;
  /** The agent extensions to report (AGENT_EXTENSIONS); null = every PJSIP endpoint. */
  phones: string[] | null;
  log: Logger;
  now?: () => Date;
}

export const phonesKey = (prefix: string) => `${prefix}phones`;

/** A phone's last known state (what a console gets when it connects). */
export async function readPhoneState(redis: Redis, prefix: string, phone: string): Promise<PhoneState | null> {
  const json = await redis.hget(phonesKey(prefix), phone);
  return json ? (JSON.parse(json) as PhoneState) : null;
}

export async function readPhoneStates(redis: Redis, prefix: string): Promise<PhoneState[]> {
  return Object.values(await redis.hgetall(phonesKey(prefix)))
    .map((json) => JSON.parse(json) as PhoneState)
    .sort((a, b) => a.phone.localeCompare(b.phone));
}

export class AmiMonitor {
  private readonly ami: AmiConnection;
  private readonly now: () => Date;
  private readonly phones: ReadonlySet<string> | null;
  /** Serialises writes so events keep their order in the outbox. */
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly deps: AmiMonitorDeps) {
    this.now = deps.now ?? (() => new Date());
    this.phones = deps.phones ? new Set(deps.phones) : null;
    this.ami = new AmiConnection(
      { ...deps.ami, log: deps.log.child({ part: 'ami' }) },
      { onEvent: (e) => this.onEvent(e), onConnected: () => void this.snapshot() },
    );
  }

  start(): void {
    this.ami.start();
  }

  isConnected(): boolean {
    return this.ami.isConnected();
  }

  async close(): Promise<void> {
    await this.ami.close();
    await this.chain;
  }

  private onEvent(event: AmiEvent): void {
    const at = this.now();
    const calls = fallbackCallEvents(event, at);
    if (calls.length) this.enqueue(async () => void (await Promise.all(calls.map((c) => this.deps.outbox.record(c)))));
    const phone = phoneStateOfContactStatus(event, at);
    if (phone && (!this.phones || this.phones.has(phone.phone))) this.enqueue(() => this.setPhone(phone));
  }

  /** After (re)connecting: registrations may have changed while AMI was away. */
  private async snapshot(): Promise<void> {
    try {
      const rows = await this.ami.list({ action: 'PJSIPShowEndpoints' }, 'EndpointListComplete');
      for (const state of phoneStatesOfEndpointList(rows, this.phones, this.now()))
        this.enqueue(() => this.setPhone(state));
    } catch (err) {
      this.deps.log.warn({ err: String(err) }, 'could not read phone registrations');
    }
  }

  private enqueue(work: () => Promise<void>): void {
    this.chain = this.chain
      .then(work)
      .catch((err: unknown) => this.deps.log.error({ err: String(err) }, 'AMI event not recorded'));
  }

  private async setPhone(state: PhoneState): Promise<void> {
    const { redis, prefix, bus } = this.deps;
    const previous = await readPhoneState(redis, prefix, state.phone);
    if (previous?.registration === state.registration) return;
    await redis.hset(phonesKey(prefix), state.phone, JSON.stringify(state));
    bus.publish(roomEmit(agentRoom(state.phone), PHONE_STATE_EVENT, state));
    bus.publish(roomEmit(SUPERVISORS_ROOM, PHONE_STATE_EVENT, state));
  }
}
