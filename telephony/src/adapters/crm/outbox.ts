import { randomUUID } from 'node:crypto';
import type { CallEventV1 } from '@cc1357/contracts';
import type { ChainableCommander } from 'ioredis';
import type { Logger } from 'pino';
import type { Scheduler } from '../../clock/scheduler';
import type { LiveState } from '../redis/live-state';
import { RedisOutbox } from './redis-outbox';

/**
 * Call events on their way to crm-api. Each event is pushed to a Redis list first (so a CRM
 * outage or a restart loses nothing), then sent in batches; a batch leaves the list only after
 * crm-api accepted it. Ids are uuids chosen here, so a batch sent twice is stored once.
 * One process flushes at a time (LiveState's `outbox` lock); a failed send backs off and retries,
 * except an event crm-api refuses as invalid (a 4xx no retry can cure): the batch is sent again
 * one event at a time and only the refused go to `events:outbox:dead`.
 * (Agent state changes have an outbox of their own, agent-state-outbox.ts: nothing here waits for them.)
 */
export interface OutboxOptions {
  state: LiveState;
  send: (events: CallEventV1[]) => Promise<void>;
  log: Logger;
  scheduler: Scheduler;
  batchSize?: number;
  /** See RedisOutboxOptions.flushDelayMs. */
  flushDelayMs?: number;
  owner: string;
  /** Told of each event once it is safely in the list (metrics); must not throw. */
  onRecord?: (event: CallEventV1) => void;
}

/** A call event as recorded: its id and (when absent) `data` are filled in. */
export type NewCallEvent = Omit<CallEventV1, 'id' | 'data'> & { data?: Record<string, unknown> };

/** The call events' RedisOutbox: its list, lock and dead list, and `record` (an id and `data` filled in). */
export class CallEventOutbox extends RedisOutbox<CallEventV1> {
  private readonly onRecord: OutboxOptions['onRecord'];

  constructor(options: OutboxOptions) {
    super({
      state: options.state,
      key: options.state.key('events:outbox'),
      // One event crm-api refuses as invalid must not stop every event behind it: it goes here
      // (with an error log), the rest are delivered.
      deadKey: options.state.key('events:outbox:dead'),
      lock: 'outbox',
      label: 'call events',
      send: options.send,
      log: options.log,
      scheduler: options.scheduler,
      owner: options.owner,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      ...(options.flushDelayMs === undefined ? {} : { flushDelayMs: options.flushDelayMs }),
    });
    this.onRecord = options.onRecord;
  }

  async record(event: NewCallEvent): Promise<CallEventV1> {
    const full: CallEventV1 = { id: randomUUID(), data: {}, ...event };
    await this.append(full);
    this.recorded(full);
    return full;
  }

  /**
   * `record` inside the caller's MULTI (see RedisOutbox.appendTo): call the returned function once
   * the MULTI ran.
   */
  recordIn(multi: ChainableCommander, event: NewCallEvent): () => CallEventV1 {
    const full: CallEventV1 = { id: randomUUID(), data: {}, ...event };
    const appended = this.appendTo(multi, full);
    return () => {
      appended();
      this.recorded(full);
      return full;
    };
  }

  private recorded(event: CallEventV1): void {
    try {
      this.onRecord?.(event);
    } catch {
      // An observer's failure (metrics) never fails recording the event.
    }
  }
}
