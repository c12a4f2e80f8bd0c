import type { Logger } from 'pino';
import type { AriPort, RawAriEvent } from '../../adapters/ari/port';
import type { ConsoleBus } from '../../adapters/console/bus';
import type { CallEventOutbox } from '../../adapters/crm/outbox';
import type { IvrEngine } from '../../adapters/ivr';
import type { PhoneDriver } from '../../adapters/phone-driver';
import type { LiveState } from '../../adapters/redis/live-state';
import type { Scheduler } from '../../clock/scheduler';
import type { AgentService } from '../agent-service';
import { QueueId, seoulDate } from '@cc1357/contracts';
import type { AdmissionLimits } from '../../core/admission';
import { admissionEnabled } from '../../core/admission';
import { AcdDispatcher } from './acd-dispatcher';
import { AgentFloor } from './agent-floor';
import { Consults } from './agent-transfer-consult';
import { AgentTransfers } from './agent-transfers';
import { Announcer } from './announcer';
import { AriRouter } from './ari-router';
import { CallChains } from './call-chains';
import { CallIntake, type CallIntakeDeps } from './call-intake';
import { CallMedia } from './call-media';
import { CallRecords } from './call-records';
import { CallStepper } from './call-stepper';
import { CallerPops, type PopLookup } from './caller-pops';
import { ConsoleCommands } from './console-commands';
import { DeskControls } from './desk-controls';
import type { EffectHandlers } from './effects';
import { IvrDriver } from './ivr-driver';
import { Monitoring } from './monitoring';
import { HandleTimes } from './handle-times';
import { IvrFacts } from './ivr-facts';
import { IvrOutcomes } from './ivr-outcomes';
import { type IvrRequestCrm, IvrRequests } from './ivr-requests';
import { PartnerRelays, type PartnerRelaysDeps } from './partner-relays';
import { OutboundCalls, type OutboundCallsDeps } from './outbound-calls';
import { CallNotifier } from './notifier';
import { QueueEffects } from './queue-effects';
import { QueueAnnouncer } from './queue-announcer';
import type { QueueWaitSettings } from '../../core/queue-announce';
import { Resync } from './resync';
import { RingTimers } from './ring-timers';
import { VirtualHolds } from './virtual-holds';
import { NodeBeats } from '../../adapters/redis/node-beats';
import { VirtualHoldStore } from '../../adapters/redis/virtual-hold-store';
import { type WrapUpSecondsByQueue, wrapUpSecondsFor } from '../config';

export interface CallsDeps {
  node: string;
  ari: AriPort;
  state: LiveState;
  agents: AgentService;
  outbox: CallEventOutbox;
  /** What of crm-api the calls use: the pop look-up and the IVR's requests. */
  crm: PopLookup & IvrRequestCrm & PartnerRelaysDeps['crm'] & NonNullable<OutboundCallsDeps['crm']>;
  bus: ConsoleBus;
  phone: PhoneDriver;
  ivr: IvrEngine;
  scheduler: Scheduler;
  log: Logger;
  ringTimeoutSeconds: number;
  wrapUpSeconds: number;
  /** After-call work per queue where it differs from `wrapUpSeconds` (ACW_SECONDS_BY_QUEUE). */
  wrapUpSecondsByQueue?: WrapUpSecondsByQueue;
  /** `PJSIP/{number}` (pbx-sim) or e.g. `PJSIP/{number}@partner-trunk` (Asterisk). */
  partnerDialTemplate: string;
  partnerRingTimeoutSeconds: number;
  /** True while the agent's console is away: the ACD offers them nothing (see DisconnectedAgents). */
  agentAway?: (agentId: string) => Promise<boolean>;
  /** The center's setting: counselors see when a supervisor monitors their call (default off). */
  monitorIndicator?: boolean;
  /** Above these a new caller is not queued (overflow menu, then the busy message); absent = no limit. */
  admission?: AdmissionLimits;
  /** Refuses new callers while this process falls behind or above its arrival limit (app/door.ts). Absent: always open. */
  door?: NonNullable<CallIntakeDeps['door']> & { isOpen(): boolean };
  /** Average handle time assumed for a queue until one of its calls ended here (seconds; default 180). */
  handleTimePriorSeconds?: number;
  /** Queue announcements and the maximum wait (absent: none). */
  queueWait?: QueueWaitSettings;
}

/** The call side of one telephony node, as the rest of the process uses it. */
export interface Calls {
  onAriEvent(raw: RawAriEvent): void;
  dispatcher: AcdDispatcher;
  commands: ConsoleCommands;
  /** Hold and mute of a connected call. */
  controls: DeskControls;
  /** Supervisors' live listen / whisper / barge. */
  monitoring: Monitoring;
  /** The counselor's transfers of a connected call. */
  transfers: AgentTransfers;
  /** The consult of an attended transfer: complete, cancel, swap. */
  consults: Consults;
  /** The counselor's relay of a connected call to a partner center. */
  relays: PartnerRelays;
  /** The counselor's calls to customers from the desk (caller id 1357). */
  outbound: OutboundCalls;
  /** Queued callers who hung up keeping their place, and their call back (issue 16). */
  virtualHolds: VirtualHolds;
  virtualHoldStore: VirtualHoldStore;
  /** This node's heartbeat and who else is alive (the ACD's first in, first out across nodes). */
  nodeBeats: NodeBeats;
  /** Queued callers' announcements and maximum wait (issue 16); `start()` once the node runs. */
  queueAnnouncer: QueueAnnouncer;
  resync: Resync;
  close(): Promise<void>;
}

/**
 * The one place the call units are made and connected — used by the wiring and by the service
 * tests alike, so what is tested is what runs. Each unit owns one job; the call machine's effects
 * reach them through one table (`EffectHandlers`).
 */
export function buildCalls(deps: CallsDeps): Calls {
  const { node, ari, state, bus, scheduler, log } = deps;
  const chains = new CallChains(log);
  const stepper = new CallStepper({
    chains,
    state,
    ari,
    scheduler,
    log,
    wrapUpSeconds: deps.wrapUpSeconds,
    ...(deps.wrapUpSecondsByQueue ? { wrapUpSecondsByQueue: deps.wrapUpSecondsByQueue } : {}),
  });
  const records = new CallRecords({ outbox: deps.outbox, state, scheduler, log });
  // This process's copy of the agent floor, shared by the ACD and the IVR's wait estimate.
  const floor = new AgentFloor({ state, now: () => scheduler.now().getTime() });
  const handleTimes = new HandleTimes(deps.handleTimePriorSeconds ?? 180);
  const pops = new CallerPops(deps.crm);
  const notifier = new CallNotifier({ state, bus, pops, scheduler });
  const timers = new RingTimers({
    scheduler,
    calls: stepper,
    ringTimeoutSeconds: deps.ringTimeoutSeconds,
    partnerRingTimeoutSeconds: deps.partnerRingTimeoutSeconds,
  });
  const media = new CallMedia({
    ari,
    records,
    calls: stepper,
    ringTimeoutSeconds: deps.ringTimeoutSeconds,
    partnerRingTimeoutSeconds: deps.partnerRingTimeoutSeconds,
    quiet: (callId) => queueAnnouncer.quiet(callId),
  });
  const queues = new QueueEffects({ state, bus, agents: deps.agents });
  const announcer = new Announcer({ ari, scheduler, calls: stepper });
  const requests = new IvrRequests({ crm: deps.crm, state, stepper, scheduler, pops });
  const virtualHoldStore = new VirtualHoldStore(state);
  const facts = new IvrFacts({
    state,
    pops,
    floor,
    handleTimes,
    ticketsWaiting: (queue) => virtualHoldStore.count(queue),
    ...(deps.admission ? { admission: deps.admission } : {}),
  });
  const queueAnnouncer = new QueueAnnouncer({
    node,
    ari,
    state,
    scheduler,
    calls: stepper,
    settings: deps.queueWait ?? { announceSeconds: 0, maxWaitSeconds: {}, overflowTo: {} },
    waitFor: (queue, ahead) => facts.waitFor(queue, ahead),
    ticketScores: (queue, below, limit) => virtualHoldStore.scoresBelow(queue, below, limit),
    log: log.child({ part: 'queueAnnouncer' }),
  });
  const outcomes = new IvrOutcomes({
    state,
    stepper,
    log,
    partnerDialTemplate: deps.partnerDialTemplate,
    ...(deps.admission && admissionEnabled(deps.admission)
      ? {
          admission: {
            decide: async (queue: QueueId) => (await facts.outlook(queue)).decision,
            refused: (queue: QueueId) => state.countRefused(seoulDate(scheduler.now()), queue),
          },
        }
      : {}),
  });
  const ivr = new IvrDriver({
    engine: deps.ivr,
    ari,
    scheduler,
    log,
    chains,
    facts,
    records,
    outcomes,
    requests,
  });
  const consults = new Consults({
    node,
    ari,
    state,
    bus,
    chains,
    stepper,
    scheduler,
    ringTimeoutSeconds: deps.ringTimeoutSeconds,
    partnerRingTimeoutSeconds: deps.partnerRingTimeoutSeconds,
  });
  const intake = new CallIntake({
    node,
    ari,
    state,
    bus,
    chains,
    records,
    pops,
    ivr,
    notifier,
    scheduler,
    log,
    memories: [timers, ivr, pops, announcer, requests, consults, queueAnnouncer],
    ...(deps.door ? { door: deps.door } : {}),
  });
  // The beat carries the door's mark; a mark that changes wakes every node's wallboard feed.
  const nodeBeats = new NodeBeats(state, node, {
    ...(deps.door ? { door: deps.door } : {}),
    doorMarked: () => bus.nudgeFloor(),
  });
  const dispatcher = new AcdDispatcher({
    node,
    ari,
    state,
    agents: deps.agents,
    calls: stepper,
    scheduler,
    log,
    ringTimeoutSeconds: deps.ringTimeoutSeconds,
    wrapUpSeconds: deps.wrapUpSeconds,
    agentAway: deps.agentAway,
    floor,
    placeHeld: (queue) => virtualHoldStore.headScore(queue),
    liveNodes: (among) => nodeBeats.aliveAmong(among),
    wakeOthers: () => bus.nudgeDispatch(),
  });
  const commands = new ConsoleCommands({ node, ari, state, phone: deps.phone, calls: stepper, notifier });
  const controls = new DeskControls({ node, ari, state, bus, calls: stepper, log });
  const transfers = new AgentTransfers({
    node,
    ari,
    state,
    agents: deps.agents,
    bus,
    chains,
    stepper,
    scheduler,
    log,
    agentAway: deps.agentAway,
  });
  const relays = new PartnerRelays({
    node,
    state,
    crm: deps.crm,
    chains,
    stepper,
    log: log.child({ part: 'relays' }),
    partnerDialTemplate: deps.partnerDialTemplate,
  });
  const outbound = new OutboundCalls({
    node,
    ari,
    state,
    agents: deps.agents,
    chains,
    stepper,
    scheduler,
    log: log.child({ part: 'outbound' }),
    dialTemplate: deps.partnerDialTemplate,
    ringTimeoutSeconds: deps.ringTimeoutSeconds,
    crm: deps.crm,
  });
  const resync = new Resync({ node, ari, state, chains, stepper, timers, ivr, requests, announcer, dispatcher, log });
  const monitoring = new Monitoring({
    node,
    ari,
    state,
    bus,
    outbox: deps.outbox,
    scheduler,
    log: log.child({ part: 'monitoring' }),
    ringTimeoutSeconds: deps.ringTimeoutSeconds,
    showIndicator: deps.monitorIndicator ?? false,
  });
  const virtualHolds = new VirtualHolds({
    ari,
    state,
    store: virtualHoldStore,
    agents: deps.agents,
    chains,
    stepper,
    outbound,
    scheduler,
    log: log.child({ part: 'virtualHold' }),
  });
  const router = new AriRouter({
    node,
    state,
    chains,
    stepper,
    intake,
    ivr,
    announcer,
    queueAnnouncer,
    records,
    monitoring,
    virtualHolds,
    log,
  });

  // Every call that ends after talking teaches its queue's handle time (talk + wrap-up).
  const recordEvent = records.handlers().callEvent;
  const handlers: EffectHandlers = {
    ...media.handlers(),
    ...timers.handlers(),
    ...queues.handlers(),
    ...notifier.handlers(),
    ...announcer.handlers(),
    ...queueAnnouncer.handlers(),
    ...requests.handlers(),
    ...intake.handlers(),
    ...controls.handlers(),
    ...transfers.handlers(),
    ...consults.handlers(),
    ...outbound.handlers(),
    callEvent: async (effect, cx) => {
      const talked = effect.eventType === 'call.ended' ? effect.data.talkSeconds : null;
      const queue = QueueId.safeParse(cx.call.queue);
      if (typeof talked === 'number' && talked > 0 && queue.success)
        handleTimes.observe(
          queue.data,
          talked + wrapUpSecondsFor(queue.data, deps.wrapUpSeconds, deps.wrapUpSecondsByQueue),
        );
      await recordEvent(effect, cx);
      // Virtual hold hears how its call backs went (an agent who missed one gives the ticket back).
      if (cx.call.outbound)
        await virtualHolds
          .outboundEvent(cx.call.callId, effect.eventType, effect.data)
          .catch((err: unknown) => cx.log.error({ err: String(err) }, 'virtual hold: call back outcome not handled'));
    },
  };
  stepper.install(handlers);

  return {
    onAriEvent: (raw) => router.onAriEvent(raw),
    dispatcher,
    commands,
    controls,
    monitoring,
    transfers,
    consults,
    relays,
    outbound,
    virtualHolds,
    virtualHoldStore,
    nodeBeats,
    queueAnnouncer,
    resync,
    async close() {
      router.close();
      dispatcher.close();
      virtualHolds.close();
      ivr.close();
      timers.close();
      consults.close();
      announcer.close();
      queueAnnouncer.close();
      await chains.drain();
      await monitoring.drain();
    },
  };
}
