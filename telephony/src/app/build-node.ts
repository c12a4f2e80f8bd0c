import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AriPort } from '../adapters/ari/port';
import { ConsoleBus } from '../adapters/console/bus';
import type { CrmClient } from '../adapters/crm/client';
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
  crm: CallsDeps['crm'] & Pick<CrmClient, 'postCallEvents'>;
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
    | 'handleTimePriorSeconds'
    | 'queueWait'
  >;
  agentAway?: CallsDeps['agentAway'];
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
    owner: node,
    ...(deps.onCallEvent ? { onRecord: deps.onCallEvent } : {}),
  });
  const bus = new ConsoleBus(deps.redis, deps.sub, deps.prefix, log.child({ part: 'bus' }));
  const supervision = new AgentSupervisionStore(state);
  const agents = new AgentService({ state, bus, outbox, scheduler, log: log.child({ part: 'agents' }), supervision });
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
  return { state, memory, rememberingState: state, outbox, bus, agents, calls, supervision };
}
