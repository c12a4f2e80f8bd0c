import { type AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { Redis } from 'ioredis';
import { type Logger, pino } from 'pino';
import { snapshotOf } from '../core/agent-state';
import { AriConnection } from '../adapters/ari/client';
import { ConsoleBus, SUPERVISORS_ROOM } from '../adapters/console/bus';
import { createGateway } from '../adapters/console/gateway';
import { CrmClient } from '../adapters/crm/client';
import { CallEventOutbox } from '../adapters/crm/outbox';
import type { IvrEngine } from '../adapters/ivr';
import { type FlowSetSource, createIvrFlowsEngine } from '../adapters/ivr-flows';
import { type PhoneDriver, simPhoneDriver, sipPhoneDriver } from '../adapters/phone-driver';
import { LiveState } from '../adapters/redis/live-state';
import { AgentService } from './agent-service';
import { CallService } from './call-service';
import type { TelephonyConfig } from './config';
import { FloorService } from './floor';
import { type Scheduler, type TimerHandle, systemScheduler } from './scheduler';

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
}

export interface TelephonyHandle {
  url: string;
  port: number;
  node: string;
  close(): Promise<void>;
}

/** The only place that constructs things: builds every part, connects them, starts listening. */
export async function startTelephony(config: TelephonyConfig, deps: TelephonyDeps = {}): Promise<TelephonyHandle> {
  const scheduler = deps.scheduler ?? systemScheduler;
  const log = deps.logger ?? pino({ name: 'telephony', level: config.logLevel });
  const node = deps.node ?? `${config.ari.app}@${new URL(config.ari.url).host}`;
  const nlog = log.child({ node });

  const redis = new Redis(config.redis.url, { lazyConnect: false });
  const sub = redis.duplicate();
  redis.on('error', (err) => nlog.warn({ err: String(err) }, 'redis error'));
  sub.on('error', (err) => nlog.warn({ err: String(err) }, 'redis (subscriber) error'));
  const state = new LiveState(redis, config.redis.prefix);
  const crm = new CrmClient({ baseUrl: config.crmApiUrl, authSecret: config.authSecret, log: nlog.child({ part: 'crm' }), now: () => scheduler.now() });
  const outbox = new CallEventOutbox({ state, send: (events) => crm.postCallEvents(events), log: nlog.child({ part: 'outbox' }), scheduler, owner: node });
  const bus = new ConsoleBus(redis, sub, config.redis.prefix, nlog.child({ part: 'bus' }));
  const agents = new AgentService({ state, bus, outbox, scheduler, log: nlog.child({ part: 'agents' }) });
  const ivr = deps.ivr ?? (await createIvrFlowsEngine({ dir: config.flowsDir, log: nlog.child({ part: 'ivr' }), alwaysOpen: deps.ivrAlwaysOpen ?? config.ivrAlwaysOpen, watch: true, now: () => scheduler.now() }));
  // An injected engine may or may not describe its flows (the shipped one does).
  const flowSource = typeof (ivr as Partial<FlowSetSource>).flowSet === 'function' ? (ivr as IvrEngine & FlowSetSource) : null;
  const phone =
    deps.phoneDriver ??
    (config.phoneDriver.kind === 'sim' ? simPhoneDriver(config.phoneDriver.controlUrl, { username: config.ari.username, password: config.ari.password }) : sipPhoneDriver);

  let calls: CallService | null = null;
  const ari = new AriConnection(
    { ...config.ari, log: nlog.child({ part: 'ari' }), scheduler },
    {
      onEvent: (event) => calls?.onAriEvent(event),
      onReconnected: () => void calls?.resync().catch((err: unknown) => nlog.error({ err: String(err) }, 'resync failed')),
    },
  );
  calls = new CallService({
    node,
    ari,
    state,
    agents,
    outbox,
    crm,
    bus,
    phone,
    ivr,
    scheduler,
    log: nlog.child({ part: 'calls' }),
    ringTimeoutSeconds: config.ringTimeoutSeconds,
    wrapUpSeconds: config.wrapUpSeconds,
    partnerDialTemplate: config.partnerDialTemplate,
    partnerRingTimeoutSeconds: config.partnerRingTimeoutSeconds,
  });
  const callService = calls;

  const http = createServer((req, res) => {
    if (req.url === '/health') {
      // 503 while the ARI event socket is down: calls cannot be taken by this node.
      const ariUp = ari.isConnected();
      res.writeHead(ariUp ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: ariUp, node, ari: ariUp ? 'connected' : 'disconnected' }));
      return;
    }
    if (!req.url?.startsWith('/socket.io')) res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'not found' } }));
  });
  let floor: FloorService | null = null;
  const io = createGateway(http, {
    authSecret: config.authSecret,
    log: nlog.child({ part: 'gateway' }),
    handlers: {
      async onAgentConnected(claims, socket) {
        const agent = await agents.apply(claims.agentId, { type: 'login', displayName: claims.displayName ?? claims.username, skills: claims.skills });
        socket.emit('agent.state.v1', snapshotOf(agent));
        const current = await callService.currentCallOf(claims.agentId);
        if (current.offered) socket.emit('call.offered.v1', current.offered);
        if (current.connected) socket.emit('call.connected.v1', current.connected);
      },
      async onSupervisorConnected(socket) {
        const flows = flowSource?.flowSet();
        if (flows) socket.emit('ivr.flowSet.v1', flows);
        if (floor) socket.emit('floor.snapshot.v1', await floor.snapshot());
      },
      ready: async (agentId) => void (await agents.apply(agentId, { type: 'ready' })),
      notReady: async (agentId, reason) => void (await agents.apply(agentId, { type: 'notReady', reason })),
      answer: (agentId, callId) => callService.answer(agentId, callId),
      hangup: (agentId, callId) => callService.hangup(agentId, callId),
    },
  });
  // Every reload or rejected edit reaches the supervisors and admins connected to this node.
  const stopFlowSet = flowSource?.onFlowSet((view) => io.to(SUPERVISORS_ROOM).emit('ivr.flowSet.v1', view));
  floor = new FloorService({ state, crm, scheduler, log: nlog.child({ part: 'floor' }), emit: (snapshot) => io.to(SUPERVISORS_ROOM).emit('floor.snapshot.v1', snapshot) });
  const floorService = floor;

  bus.onMessage((msg) => {
    if (msg.kind === 'emit') io.to(msg.room).emit(msg.event as 'agent.state.v1', msg.payload as never);
    else if (msg.kind === 'dispatch') void callService.dispatch();
    else if (msg.kind === 'floor') floorService.nudge();
  });
  await bus.start();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;

  await ari.connect();
  await callService.resync();
  void outbox.flush();

  // Safety nets for lost nudges and dead processes: run the ACD and the wrap-up sweep now and then.
  const tickMs = deps.tickMs ?? 2_000;
  let tick: TimerHandle | null = null;
  let closed = false;
  let closing: Promise<void> | null = null;
  const loop = () => {
    if (closed) return;
    void Promise.allSettled([callService.dispatch(), agents.sweep(), callService.repairOrphanedAgents()]).finally(() => {
      if (!closed) tick = scheduler.setTimeout(loop, tickMs);
    });
  };
  loop();
  nlog.info({ port, ari: config.ari.url, app: config.ari.app }, 'telephony started');

  return {
    url: `http://${host}:${port}`,
    port,
    node,
    close() {
      closing ??= shutdown();
      return closing;
    },
  };

  async function shutdown(): Promise<void> {
    closed = true;
    if (tick) scheduler.clearTimeout(tick);
    agents.close();
    stopFlowSet?.();
    floorService.close();
    outbox.close();
    await ari.close();
    await callService.close();
    (ivr as Partial<{ close(): void }>).close?.();
    await new Promise<void>((resolve) => {
      io.close(() => resolve());
    });
    sub.disconnect();
    await redis.quit().catch(() => redis.disconnect());
  }
}
