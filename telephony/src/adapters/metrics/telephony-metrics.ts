import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * telephony's Prometheus metrics, in one registry per process (a test runs several telephony
 * nodes in one process; a global registry would mix them). Every label has a closed set of
 * values (states, queues, ARI operations, roles), never an id or a number, so the series stay
 * bounded at any call volume.
 *
 * The app feeds it through small hooks (wiring.ts): call events as the outbox records them, ARI
 * requests as the ARI adapter makes them, and `sources` read at scrape time (calls by state,
 * agents by state, outbox depth, console sockets). The domain (core/) never sees it.
 */
export interface ScrapeSources {
  /** This node's live calls by state. */
  callsByState(): Promise<Record<string, number>>;
  /** Agents by state (the shared floor: the same on every node). */
  agentsByState(): Promise<Record<string, number>>;
  /** Call events waiting in the outbox for crm-api (shared by every node). */
  outboxDepth(): Promise<number>;
  /** Console sockets connected to this node, by role. */
  consolesByRole(): Record<string, number>;
  ariConnected(): boolean;
  /** ACD dispatch passes this node finished since it started. */
  acdPasses(): number;
}

/** Seconds a caller waits: from answer-in-seconds to the long waits an overloaded floor sees. */
const WAIT_BUCKETS = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200];
/** ARI round trips on a LAN: milliseconds, with the 5 s timeout as the last bucket. */
const ARI_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export class TelephonyMetrics {
  readonly registry = new Registry();
  private sources: ScrapeSources | null = null;

  readonly callEvents = new Counter({
    name: 'cc1357_telephony_call_events_total',
    help: 'Call events recorded by this node, by type (call.arrived, agent.offered, call.abandoned, …)',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly offers = new Counter({
    name: 'cc1357_telephony_offers_total',
    help: "Calls offered to an agent (the agent's phone rang), by queue",
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });
  readonly offerOutcomes = new Counter({
    name: 'cc1357_telephony_offer_outcomes_total',
    help: 'How offers ended, by queue and outcome: answered, noAnswer, rejected, failed, callerHangup',
    labelNames: ['queue', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly queueWait = new Histogram({
    name: 'cc1357_telephony_queue_wait_seconds',
    help: 'Time from entering the queue to being connected (answered) or hanging up (abandoned)',
    labelNames: ['queue', 'outcome'] as const,
    buckets: WAIT_BUCKETS,
    registers: [this.registry],
  });
  readonly ariRequests = new Histogram({
    name: 'cc1357_telephony_ari_request_duration_seconds',
    help: 'ARI REST requests by operation (channels.answer, bridges.create, …) and result (ok, error)',
    labelNames: ['operation', 'result'] as const,
    buckets: ARI_BUCKETS,
    registers: [this.registry],
  });
  readonly ariErrors = new Counter({
    name: 'cc1357_telephony_ari_request_errors_total',
    help: 'Failed ARI requests by operation and status (404, 409, 500, …; 0 = no answer / timeout)',
    labelNames: ['operation', 'status'] as const,
    registers: [this.registry],
  });

  readonly doorClosed = new Gauge({
    name: 'cc1357_telephony_door_closed',
    help: '1 while this node refuses new callers because it falls behind (event-loop delay over ADMISSION_MAX_EVENT_LOOP_DELAY_MS)',
    registers: [this.registry],
  });
  readonly doorRefused = new Counter({
    name: 'cc1357_telephony_door_refused_total',
    help: 'Callers refused at the closed door (hung up unanswered, recorded as call.ended reason refusedAtDoor)',
    registers: [this.registry],
  });

  constructor(labels: { node: string }) {
    this.registry.setDefaultLabels({ service: 'telephony', node: labels.node });
    // process_*, nodejs_* — nodejs_eventloop_lag_seconds and its percentiles among them.
    collectDefaultMetrics({ register: this.registry });
    // collect() runs with the gauge as `this`; the sources are read through this arrow.
    const sources = () => this.sources;
    new Gauge({
      name: 'cc1357_telephony_calls',
      help: "This node's live calls by state (ivr, queued, offering, connected, transferring, …)",
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const src = sources();
        if (src) setAll(this, await bounded(src.callsByState()), 'state');
      },
    });
    new Gauge({
      name: 'cc1357_telephony_agents',
      help: 'Agents by state (the shared floor, the same on every node)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const src = sources();
        if (src) setAll(this, await bounded(src.agentsByState()), 'state');
      },
    });
    new Gauge({
      name: 'cc1357_telephony_outbox_depth',
      help: 'Call events waiting in the Redis outbox for crm-api (grows while crm-api is away)',
      registers: [this.registry],
      async collect() {
        const src = sources();
        if (!src) return;
        const depth = await bounded(src.outboxDepth());
        // NaN while unknown (Redis away): a gap in the graph, not a reassuring 0.
        this.set(depth ?? Number.NaN);
      },
    });
    new Gauge({
      name: 'cc1357_telephony_console_sockets',
      help: 'Agent consoles (socket.io) connected to this node, by role',
      labelNames: ['role'] as const,
      registers: [this.registry],
      collect() {
        const src = sources();
        if (src) setAll(this, src.consolesByRole(), 'role');
      },
    });
    new Counter({
      name: 'cc1357_telephony_acd_passes_total',
      help: "ACD dispatch passes this node finished (each looks at every queue's head once)",
      registers: [this.registry],
      collect() {
        const src = sources();
        if (!src) return;
        this.reset();
        this.inc(src.acdPasses());
      },
    });
    new Gauge({
      name: 'cc1357_telephony_ari_connected',
      help: '1 while the ARI event websocket is open',
      registers: [this.registry],
      collect() {
        const src = sources();
        if (src) this.set(src.ariConnected() ? 1 : 0);
      },
    });
  }

  /** The app hands over what is read at scrape time, once its parts exist. */
  readFrom(sources: ScrapeSources): void {
    this.sources = sources;
  }

  /** One ARI request done: `status` is null on success (the AriRequestError's status otherwise). */
  ariRequest(operation: string, seconds: number, status: number | null): void {
    this.ariRequests.observe({ operation, result: status === null ? 'ok' : 'error' }, seconds);
    if (status !== null) this.ariErrors.inc({ operation, status: String(status) });
  }

  /** The Prometheus text exposition. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/**
 * A scrape must answer even while Redis does not: a source that fails or takes longer than this
 * gives null, and its gauge is left out of that scrape (no stale figures, the rest still served).
 */
async function bounded<T>(promise: Promise<T>, ms = 2000): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`metrics source did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sets a labelled gauge to exactly these counts: a state no call is in any more reads 0 (rather
 * than keeping its last value, or vanishing from the graph).
 */
const seen = new WeakMap<object, Set<string>>();
function setAll<L extends string>(gauge: Gauge<L>, counts: Record<string, number> | null, label: L): void {
  if (counts === null) return gauge.reset();
  const values = seen.get(gauge) ?? new Set<string>();
  seen.set(gauge, values);
  for (const value of Object.keys(counts)) values.add(value);
  for (const value of values) gauge.set({ [label]: value } as Record<L, string>, counts[value] ?? 0);
}
