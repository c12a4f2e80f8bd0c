import { randomUUID } from 'node:crypto';
import type { AgentStateChangeV1 } from '@cc1357/contracts';
import type { Logger } from 'pino';
import type { Scheduler } from '../../clock/scheduler';
import type { LiveState } from '../redis/live-state';
import { RedisOutbox } from './redis-outbox';

export interface AgentStateOutboxOptions {
  state: LiveState;
  /** Delivers a batch; throws a RefusedBatchError when crm-api refused it as invalid. */
  send: (changes: AgentStateChangeV1[]) => Promise<void>;
  log: Logger;
  scheduler: Scheduler;
  batchSize?: number;
  /** See RedisOutboxOptions.flushDelayMs. */
  flushDelayMs?: number;
  owner: string;
}

/**
 * The agents' state changes on their way to crm-api (staffed time for the reports): an outbox of
 * its own, fully apart from the call events' — its own Redis list (`agents:state-outbox`), lock
 * (`agent-state-outbox`), timer and back-off — so a crm-api that refuses or cannot take agent
 * states never holds up a call event. A change crm-api refuses as invalid (400/413/422, see
 * isRefusedAsInvalid; a refused batch is retried one change at a time) goes to
 * `agents:state-outbox:dead` with an error log and is not retried; anything else backs off and retries. Sent in the order appended, so one agent's changes from one
 * process arrive in order (crm-api orders them by time anyway).
 */
export class AgentStateOutbox extends RedisOutbox<AgentStateChangeV1> {
  readonly key: string;
  readonly deadKey: string;

  constructor(options: AgentStateOutboxOptions) {
    const key = options.state.key('agents:state-outbox');
    super({
      state: options.state,
      key,
      deadKey: `${key}:dead`,
      lock: 'agent-state-outbox',
      label: 'agent state changes',
      send: options.send,
      log: options.log,
      scheduler: options.scheduler,
      owner: options.owner,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      ...(options.flushDelayMs === undefined ? {} : { flushDelayMs: options.flushDelayMs }),
    });
    this.key = key;
    this.deadKey = `${key}:dead`;
  }

  /** One change, appended to the list (one Redis command; callers need not wait for it). */
  async record(change: Omit<AgentStateChangeV1, 'id'>): Promise<AgentStateChangeV1> {
    const full: AgentStateChangeV1 = { id: randomUUID(), ...change };
    await this.append(full);
    return full;
  }
}
