import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AriPort } from '../adapters/ari/port';
import { ConsoleBus } from '../adapters/console/bus';
import type { CrmClient } from '../adapters/crm/client';
import { AgentStateOutbox } from '../adapters/crm/agent-state-outbox';
import { CallEventOutbox, type OutboxOptions } from '../adapters/crm/outbox';
import type { IvrEngine } from '../adapters/ivr';
import type { PhoneDriver } from '../adapters/phone-driver';
import type { LiveState } from '../adapters/redis/live-state';
import { LiveMemory, RememberingLiveState } from '../adapters/redis/remembering-live-state';
import type { Scheduler } from '../clock/scheduler';
import { AgentService } from './agent-service';
import { AgentSupervisionStore } from '../adapters/redis/agent-supervision';
import { type Calls, type CallsDeps, buildCalls } from './calls/build-calls';

export interface NodeDeps {
  node: string;
  /** Commands and publishing; `sub` is a second connection for the bus subscription. */
  redis: Redis;
  sub: Redis;
  prefix: string;
  ari: AriPort;
  crm: CallsDeps['crm'] & Pick<CrmClient, 'postCallEvents'> & Partial<Pick<CrmClient, 'postAgentStateChanges'>>;
  phone: PhoneDriver;
  ivr: IvrEngine;
  scheduler: Scheduler;
  log: Logger;
  settings: Pick<
    CallsDeps,
    | 'ringTimeoutSeconds'
    | 'wrapUpSeconds'
    | 'wrapUpSecondsByQueue'
    | 'partnerDialTemplate'
    | 'partnerRingTimeoutSeconds'
    | 'monitorIndicator'
    | 'admission'
    | 'door'
    | 'handleTimePriorSeconds'
    | 'queueWait'
  >;
  agentAway?: CallsDeps['agentAway'];
  /**
   * How long the outboxes gather entries before a flush (RedisOutboxOptions.flushDelayMs; 0 when
   * absent, as the service tests' hand-driven clock expects).
   */
  outboxFlushDelayMs?: number;
  /** Told of every call event the outbox records (metrics). */
  onCallEvent?: OutboxOptions['onRecord'];
}

export interface NodeParts {
  state: LiveState;
  /** This process's copy of what it wrote and read of the live state (written back after a Redis loss). */
  memory: LiveMemory;
  /** `state`, as the Redis-loss rebuild uses it. */
  rememberingState: RememberingLiveState;
  outbox: CallEventOutbox;
  /** Agent state changes on their way to crm-api (null when the crm client cannot send them). */
  agentStates: AgentStateOutbox | null;
  bus: ConsoleBus;
  agents: AgentService;
  /** Skills changed by supervisors and the agents' day counts (app/supervision.ts, floor). */
  supervision: AgentSupervisionStore;
  calls: Calls;
}

/**
 * The shared state, the outbox, the console bus, the agents and the calls of one telephony node,
 * built the same way for the process (wiring.ts) and for the service tests.
 */
export function buildNode(deps: NodeDeps): NodeParts {
  const { node, scheduler, log, crm } = deps;
  const memory = new LiveMemory();
  const state = new RememberingLiveState(deps.redis, deps.prefix, memory);
  const outbox = new CallEventOutbox({
    state,
    send: (events) => crm.postCallEvents(events),
    log: log.child({ part: 'outbox' }),
    scheduler,
    ...(deps.outboxFlushDelayMs ? { flushDelayMs: deps.outboxFlushDelayMs } : {}),
    owner: node,
    ...(deps.onCallEvent ? { onRecord: deps.onCallEvent } : {}),
  });
  // Agent state changes for staffed time (occupancy.v2), in an outbox of their own: never in the
  // call events' way. A crm client without the route records none.
  const postAgentStates = crm.postAgentStateChanges?.bind(crm);
  const agentStates = postAgentStates
    ? new AgentStateOutbox({
        state,
        send: postAgentStates,
        log: log.child({ part: 'agent-state-outbox' }),
        scheduler,
        ...(deps.outboxFlushDelayMs ? { flushDelayMs: deps.outboxFlushDelayMs } : {}),
        owner: node,
      })
    : null;
  const bus = new ConsoleBus(deps.redis, deps.sub, deps.prefix, log.child({ part: 'bus' }));
  const supervision = new AgentSupervisionStore(state);
  const agents = new AgentService({
    state,
    bus,
    outbox,
    ...(agentStates ? { agentStates } : {}),
    scheduler,
    log: log.child({ part: 'agents' }),
    supervision,
  });
  const calls = buildCalls({
    node,
    ari: deps.ari,
    state,
    agents,
    outbox,
    crm,
    bus,
    phone: deps.phone,
    ivr: deps.ivr,
    scheduler,
    log: log.child({ part: 'calls' }),
    ...deps.settings,
    ...(deps.agentAway ? { agentAway: deps.agentAway } : {}),
  });
  return { state, memory, rememberingState: state, outbox, agentStates, bus, agents, calls, supervision };
}
