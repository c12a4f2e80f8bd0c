import { type AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { Redis } from 'ioredis';
import { type Logger, pino } from 'pino';
import { snapshotOf } from '../core/agent-state';
import { readPhoneState, readPhoneStates } from '../adapters/ami/monitor';
import { AriConnection } from '../adapters/ari/client';
import { HANDLED_EVENT_TYPES } from '../adapters/ari/events';
import type { ServerToClientEvents } from '@cc1357/contracts';
import { type ConsoleEvent, type ConsolePayload, SUPERVISORS_ROOM } from '../adapters/console/bus';
import { ConsoleTakeover, redisClock } from '../adapters/console/takeover';
import { AGENT_ROLES, type ConsoleServer, createGateway } from '../adapters/console/gateway';
import { CrmClient } from '../adapters/crm/client';
import type { IvrEngine } from '../adapters/ivr';
import { createIvrFlowsEngine } from '../adapters/ivr-flows';
import { type PhoneDriver, simPhoneDriver, sipPhoneDriver } from '../adapters/phone-driver';
import { ConsolePresence } from '../adapters/redis/console-presence';
import { NODE_ALIVE_MS } from '../adapters/redis/node-beats';
import { RedisEpoch } from '../adapters/redis/redis-epoch';
import type { ConnectedConsole } from '../core/redis-loss';
import { RedisLossWatch } from './redis-loss';
import { type NodeParts, buildNode } from './build-node';
import type { TelephonyConfig } from './config';
import { DisconnectedAgents } from './disconnected-agents';
import { createObservability } from './observability';
import { serveHealth } from '../adapters/metrics/http';
import { Door } from './door';
import { FloorService } from './floor';
import { type ActingSupervisor, SupervisorActions } from './supervision';
import { skillProfileAtLogin } from '../core/supervision';
import type { SupervisorRef } from '../adapters/console/gateway';
import { type Scheduler, type TimerHandle, systemScheduler } from '../clock/scheduler';

/** A bus message to the sockets of its room on this node, its payload typed by its event. */
/** How long shutdown waits for work under way to finish writing before it closes Redis (ms). */
const SHUTDOWN_SETTLE_MS = 5_000;

/** Waits for `work` (its failure included), or `ms`, whichever is first. */
async function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref();
    }),
  ]);
  clearTimeout(timer);
}

function emitTo<E extends ConsoleEvent>(
  io: ConsoleServer,
  msg: { room: string; event: E; payload: ConsolePayload<E> },
): void {
  // One payload is the whole argument list of every console event (TypeScript cannot see that for a generic E).
  const args = [msg.payload] as Parameters<ServerToClientEvents[E]>;
  io.to(msg.room).emit(msg.event, ...args);
}

/** The counselors' consoles connected to this process: who is logged in, as their sessions say. */
function connectedConsoles(io: ConsoleServer): ConnectedConsole[] {
  const out: ConnectedConsole[] = [];
  for (const socket of io.of('/').sockets.values()) {
    const { claims } = socket.data;
    if (!claims?.agentId || !AGENT_ROLES.has(claims.role)) continue;
    out.push({
      agentId: claims.agentId,
      socketId: socket.id,
      displayName: claims.displayName ?? claims.username,
      skills: claims.skills,
    });
  }
  return out;
}

/** Things a test or an embedding process may supply instead of the defaults. */
export interface TelephonyDeps {
  scheduler?: Scheduler;
  logger?: Logger;
  ivr?: IvrEngine;
  /** Ignore business hours in the IVR (demo, tests). */
  ivrAlwaysOpen?: boolean;
  phoneDriver?: PhoneDriver;
  /** This node's id in shared state; default `<app>@<ARI host>`. */
  node?: string;
  /** How often the ACD and wrap-up sweep run even without a nudge (ms of the scheduler). */
  tickMs?: number;
  /** What the door measures each second instead of the real event-loop delay (ms; app/door.ts). */
  eventLoopDelayMs?: () => number;
}

export interface TelephonyHandle {
  url: string;
  port: number;
  node: string;
  /** `/metrics` (its own listener), when METRICS_PORT is set. */
  metricsUrl: string | null;
  close(): Promise<void>;
}

/** The only place that constructs things: builds every part, connects them, starts listening. */
export async function startTelephony(config: TelephonyConfig, deps: TelephonyDeps = {}): Promise<TelephonyHandle> {
  const scheduler = deps.scheduler ?? systemScheduler;
  const log = deps.logger ?? pino({ name: 'telephony', level: config.logLevel });
  const node = deps.node ?? `${config.ari.app}@${new URL(config.ari.url).host}`;
  const nlog = log.child({ node });

  // Auto-pipelining: the commands a tick issues (a call step's reads and writes, many calls' at
  // once under load) leave in one write, not one socket write each.
  const redis = new Redis(config.redis.url, { lazyConnect: false, enableAutoPipelining: true });
  const sub = redis.duplicate({ enableAutoPipelining: false });
  redis.on('error', (err) => nlog.warn({ err: String(err) }, 'redis error'));
  sub.on('error', (err) => nlog.warn({ err: String(err) }, 'redis (subscriber) error'));
  const crm = new CrmClient({
    baseUrl: config.crmApiUrl,
    authSecret: config.serviceKey ?? config.authSecret,
    log: nlog.child({ part: 'crm' }),
  });
  const ivr =
    deps.ivr ??
    (await createIvrFlowsEngine({
      dir: config.flowsDir,
      log: nlog.child({ part: 'ivr' }),
      alwaysOpen: deps.ivrAlwaysOpen ?? config.ivrAlwaysOpen,
      watch: true,
      now: () => scheduler.now(),
    }));
  const phone =
    deps.phoneDriver ??
    (config.phoneDriver.kind === 'sim'
      ? simPhoneDriver(config.phoneDriver.controlUrl, { username: config.ari.username, password: config.ari.password })
      : sipPhoneDriver);

  // Metrics and health: hooks handed to the parts below, scrape-time sources attached once they exist.
  const observe = createObservability({
    node,
    redis,
    ariConnected: () => ari.isConnected(),
    crmApiUrl: config.crmApiUrl,
  });

  // The node's parts, built below: the door and the ARI connection reach them once they exist.
  let parts: NodeParts | null = null;
  // New callers are refused while this process falls behind (ADMISSION_MAX_EVENT_LOOP_DELAY_MS).
  // A change is marked in Redis at once (the beats renew the mark) and wakes the wallboards.
  const door = new Door({
    limits: config.door,
    log: nlog.child({ part: 'door' }),
    onChange: (closed) => {
      observe.metrics.doorClosed.set(closed ? 1 : 0);
      void parts?.calls.nodeBeats
        .markDoor()
        .catch((err: unknown) => nlog.warn({ err: String(err) }, 'door mark not written (the next beat writes it)'));
    },
    onRefused: () => observe.metrics.doorRefused.inc(),
    ...(deps.eventLoopDelayMs ? { delayMs: deps.eventLoopDelayMs } : {}),
  });
  door.start();

  // The ARI connection delivers to the calls, which need the connection: bound once both exist.
  const ari = new AriConnection(
    {
      ...config.ari,
      log: nlog.child({ part: 'ari' }),
      scheduler,
      onRequest: observe.onAriRequest,
      eventTypes: [...HANDLED_EVENT_TYPES],
    },
    {
      onEvent: (event) => parts?.calls.onAriEvent(event),
      onReconnected: () =>
        void parts?.calls.resync
          .run()
          .then(() => parts?.calls.monitoring.sweep())
          .catch((err: unknown) => nlog.error({ err: String(err) }, 'resync failed')),
    },
  );
  parts = buildNode({
    node,
    redis,
    sub,
    prefix: config.redis.prefix,
    ari,
    crm,
    phone,
    ivr,
    scheduler,
    log: nlog,
    settings: {
      ringTimeoutSeconds: config.ringTimeoutSeconds,
      wrapUpSeconds: config.wrapUpSeconds,
      wrapUpSecondsByQueue: config.wrapUpSecondsByQueue,
      partnerDialTemplate: config.partnerDialTemplate,
      partnerRingTimeoutSeconds: config.partnerRingTimeoutSeconds,
      monitorIndicator: config.monitorIndicator,
      admission: config.admission,
      door,
      handleTimePriorSeconds: config.handleTimePriorSeconds,
      queueWait: config.queueWait,
    },
    agentAway: (agentId) => disconnected.isAway(agentId),
    // A call's events and its agent's state changes come in bursts (a dozen within a second of
    // set-up): gathered for 50 ms they leave in one batch per outbox, where a flush each was 2–3
    // POSTs to crm-api and a dozen Redis commands per call (bench control-plane).
    outboxFlushDelayMs: 50,
    onCallEvent: observe.onCallEvent,
  });
  const { state, outbox, agentStates, bus, agents, calls, supervision } = parts;
  const supervisorActions = new SupervisorActions({
    state,
    agents,
    store: supervision,
    bus,
    scheduler,
    log: nlog.child({ part: 'supervision' }),
    audit: (entry) => crm.supervisorAction(entry),
  });
  const acting = (s: SupervisorRef): ActingSupervisor => ({
    userId: s.userId,
    name: s.name ?? s.userId,
    role: s.role ?? 'supervisor',
  });
  const disconnected = new DisconnectedAgents({
    presence: new ConsolePresence(redis, config.redis.prefix, node),
    state,
    agents,
    scheduler,
    log: nlog.child({ part: 'agents' }),
    graceSeconds: config.agentDisconnectGraceSeconds,
    withdrawOffer: (agentId, callId) => calls.commands.withdrawOffer(agentId, callId),
  });

  const http = createServer((req, res) => {
    if (serveHealth(req, res, observe.health)) return;
    if (req.url === '/health') {
      // 503 while the ARI event socket is down: calls cannot be taken by this node.
      const ariUp = ari.isConnected();
      res
        .writeHead(ariUp ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: ariUp, node, ari: ariUp ? 'connected' : 'disconnected' }));
      return;
    }
    if (!req.url?.startsWith('/socket.io'))
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'not found' } }));
  });
  let floor: FloorService | null = null;
  // One console per counselor, across every node sharing this Redis (adapters/console/takeover.ts).
  const takeover = new ConsoleTakeover({ bus, clock: redisClock(redis), log: nlog.child({ part: 'takeover' }) });
  const io = createGateway(http, {
    takeover,
    authSecret: config.authSecret,
    ...(config.consoleOrigins ? { origins: config.consoleOrigins } : {}),
    sessions: { revoked: (refs) => crm.revokedSessions(refs) },
    sessionCheckMs: config.sessionCheckMs ?? 5000,
    log: nlog.child({ part: 'gateway' }),
    handlers: {
      async onAgentConnected(claims, socket) {
        await disconnected.connected(claims.agentId, socket.id);
        const agent = await agents.apply(claims.agentId, {
          type: 'login',
          displayName: claims.displayName ?? claims.username,
          // A supervisor's change made after this token was signed wins over the token's skills (and levels).
          ...skillProfileAtLogin(claims, await supervision.skillsOf(claims.agentId)),
        });
        // Back within the grace period and still Ready: callers passed over meanwhile are offered now.
        if (agent.state === 'ready') bus.nudgeDispatch();
        socket.emit('agent.state.v1', snapshotOf(agent));
        const current = await calls.commands.currentCallOf(claims.agentId);
        if (current.offered) socket.emit('call.offered.v1', current.offered);
        if (current.connected) socket.emit('call.connected.v1', current.connected);
        const controls = current.connected && (await calls.controls.currentControlsOf(current.connected.callId));
        if (controls) socket.emit('call.controls.v1', controls);
        const consult = current.connected && (await calls.consults.currentOf(current.connected.callId));
        if (consult) socket.emit('call.consult.v1', consult);
        // The desk phone's registration, as the AMI watcher last saw it (absent when none runs).
        const phone = await readPhoneState(redis, config.redis.prefix, claims.agentId);
        if (phone) socket.emit('phone.state.v1', phone);
      },
      onAgentDisconnected: (agentId, socketId) => disconnected.disconnected(agentId, socketId),
      async onSupervisorConnected(socket) {
        socket.emit('ivr.flowSet.v1', ivr.flowSet());
        if (floor) socket.emit('floor.snapshot.v1', await floor.snapshot());
        for (const phone of await readPhoneStates(redis, config.redis.prefix)) socket.emit('phone.state.v1', phone);
        for (const session of calls.monitoring.current()) socket.emit('monitor.state.v1', session);
      },
      ready: async (agentId) => void (await agents.apply(agentId, { type: 'ready' })),
      notReady: async (agentId, reason) => void (await agents.apply(agentId, { type: 'notReady', reason })),
      answer: (agentId, callId) => calls.commands.answer(agentId, callId),
      hangup: (agentId, callId) => calls.commands.hangup(agentId, callId),
      wrapUp: async (agentId, change) => void (await agents.apply(agentId, change)),
      hold: (agentId, callId, held) => calls.controls.hold(agentId, callId, held),
      mute: (agentId, callId, muted) => calls.controls.mute(agentId, callId, muted),
      recordingPause: (agentId, callId, paused) => calls.controls.recordingPause(agentId, callId, paused),
      monitorStart: (supervisor, callId, mode) => calls.monitoring.start(supervisor, callId, mode),
      monitorMode: (supervisor, callId, mode) => calls.monitoring.changeMode(supervisor, callId, mode),
      monitorStop: (supervisor, callId) => calls.monitoring.stop(supervisor, callId),
      supervisorNotReady: (s, agentId, reason) => supervisorActions.notReady(acting(s), agentId, reason),
      supervisorLogout: (s, agentId) => supervisorActions.logout(acting(s), agentId),
      supervisorSkills: (s, agentId, skills, levels) => supervisorActions.skills(acting(s), agentId, skills, levels),
      transfer: (agentId, command) => calls.transfers.transfer(agentId, command),
      transferTargets: (agentId, callId) => calls.transfers.targets(agentId, callId),
      consult: (agentId, callId, what) => calls.consults.command(agentId, callId, what),
      relay: (agentId, command) => calls.relays.relay(agentId, command),
      dial: (agentId, command) => calls.outbound.dial(agentId, command),
    },
  });
  // Every reload or rejected edit reaches the supervisors and admins connected to this node.
  const stopFlowSet = ivr.onFlowSet((view) => io.to(SUPERVISORS_ROOM).emit('ivr.flowSet.v1', view));
  floor = new FloorService({
    state,
    supervision,
    virtualHolds: calls.virtualHoldStore,
    doors: calls.nodeBeats,
    crm,
    scheduler,
    log: nlog.child({ part: 'floor' }),
    emit: (snapshot) => io.to(SUPERVISORS_ROOM).emit('floor.snapshot.v1', snapshot),
    watched: () => (io.sockets.adapter.rooms.get(SUPERVISORS_ROOM)?.size ?? 0) > 0,
  });
  const floorService = floor;
  observe.attach({ state, outbox, io, acdPasses: () => calls.dispatcher.passes });

  bus.onMessage((msg) => {
    if (msg.kind === 'emit') emitTo(io, msg);
    // Virtual hold's tickets first: a caller called back in their turn gets the agent before later callers.
    else if (msg.kind === 'dispatch') void calls.virtualHolds.dispatch().finally(() => calls.dispatcher.dispatch());
    else if (msg.kind === 'floor') floorService.nudge();
  });
  await bus.start();
  await disconnected.start();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const metricsServer = await observe.serve(config.metrics);

  // Redis restarted empty or flushed: this process writes back its share of the live state at once.
  const redisLoss = new RedisLossWatch({
    node,
    epoch: new RedisEpoch(redis, config.redis.prefix),
    state: parts.rememberingState,
    memory: parts.memory,
    consoles: () => connectedConsoles(io),
    presence: (agentId, socketId) => disconnected.connected(agentId, socketId),
    login: async (c) =>
      void (await agents.apply(c.agentId, { type: 'login', displayName: c.displayName, skills: c.skills })),
    restored: (agent) => agents.afterChange(agent, agent),
    resync: () => calls.resync.run(),
    reregister: async () => {
      const events = await outbox.restore();
      if (events) nlog.warn({ events }, 'undelivered call events pushed to the outbox again');
      const changes = (await agentStates?.restore()) ?? 0;
      if (changes) nlog.warn({ changes }, 'undelivered agent state changes pushed to their outbox again');
    },
    log: nlog.child({ part: 'redis-loss' }),
  });
  // A reconnect during shutdown must not start a rebuild.
  let redisLossStopped = false;
  const checkRedisLoss = () =>
    redisLossStopped
      ? Promise.resolve(false)
      : redisLoss.check().catch((err: unknown) => nlog.error({ err: String(err) }, 'redis loss check failed'));
  await checkRedisLoss();
  // A reconnect is when an emptied Redis is most likely: look at once rather than at the next tick.
  redis.on('ready', () => void checkRedisLoss());

  // Heartbeats on the wall clock (node-beats): the ACDs of other nodes leave agents to our
  // earlier callers only while we beat.
  const beat = () =>
    calls.nodeBeats.beat().catch((err: unknown) => nlog.warn({ err: String(err) }, 'node heartbeat failed'));
  await beat();
  const beats = setInterval(() => void beat(), NODE_ALIVE_MS / 4);
  beats.unref();

  await ari.connect();
  await calls.resync.run();
  // Queued callers' announcements and maximum wait: from the call records, so they go on after a restart.
  calls.queueAnnouncer.start();
  await calls.monitoring.sweep().catch((err: unknown) => nlog.warn({ err: String(err) }, 'monitoring sweep failed'));
  void outbox.flush();
  void agentStates?.flush();

  // Safety nets for lost nudges and dead processes: run the ACD and the wrap-up sweep now and then.
  const tickMs = deps.tickMs ?? 2_000;
  let tick: TimerHandle | null = null;
  /** The safety-net pass under way, awaited at shutdown before Redis closes. */
  let ticking: Promise<unknown> = Promise.resolve();
  let closed = false;
  let closing: Promise<void> | null = null;
  const loop = () => {
    if (closed) return;
    ticking = Promise.allSettled([
      calls.virtualHolds.dispatch().finally(() => calls.dispatcher.dispatch()),
      agents.sweep(),
      calls.dispatcher.repairOrphanedAgents(),
      disconnected.sweep(),
      checkRedisLoss(),
    ]).finally(() => {
      if (!closed) tick = scheduler.setTimeout(loop, tickMs);
    });
  };
  loop();
  nlog.info({ port, ari: config.ari.url, app: config.ari.app, metrics: metricsServer?.url }, 'telephony started');

  return {
    url: `http://${host}:${port}`,
    port,
    node,
    metricsUrl: metricsServer?.url ?? null,
    close() {
      closing ??= shutdown();
      return closing;
    },
  };

  async function shutdown(): Promise<void> {
    closed = true;
    redisLossStopped = true;
    if (tick) scheduler.clearTimeout(tick);
    clearInterval(beats);
    door.close();
    bus.close(); // no nudge is left to go out on a connection that quits
    agents.close(); // no wrap-up timer fires from here on
    // Work under way (a sweep ending a wrap-up, a timer's change) still writes to Redis: let it,
    // for a few seconds at most (a pass waiting on a PBX that died must not hold the shutdown).
    await settledWithin(Promise.all([ticking, agents.settled()]), SHUTDOWN_SETTLE_MS);
    await calls.nodeBeats.leave().catch(() => undefined);
    disconnected.close();
    stopFlowSet();
    floorService.close();
    outbox.close();
    agentStates?.close();
    await ari.close();
    await calls.close();
    ivr.close();
    await metricsServer?.close();
    await new Promise<void>((resolve) => {
      io.close(() => resolve());
    });
    sub.disconnect();
    await redis.quit().catch(() => redis.disconnect());
  }
}
