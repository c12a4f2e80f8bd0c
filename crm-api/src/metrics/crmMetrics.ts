import type pg from 'pg';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * crm-api's Prometheus metrics, one registry per server (tests start several in one process).
 * Labels take closed sets of values: route patterns (never a raw URL), methods, status codes,
 * queue names and job states, pool names.
 */
export interface JobCountSource {
  /** Jobs per BullMQ queue and state; throws when Redis does not answer. */
  jobCounts(): Promise<Record<string, Record<string, number>>>;
}

/** API latency: most requests take milliseconds; an import or a month of KPIs takes seconds. */
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class CrmMetrics {
  readonly registry = new Registry();
  private jobs: JobCountSource | null = null;
  private pools: Record<string, pg.Pool> = {};

  readonly http = new Histogram({
    name: 'cc1357_crm_http_request_duration_seconds',
    help: 'crm-api HTTP requests by method, route pattern (e.g. /api/companies/:id) and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    this.registry.setDefaultLabels({ service: 'crm-api' });
    // process_*, nodejs_* — nodejs_eventloop_lag_seconds and its percentiles among them.
    collectDefaultMetrics({ register: this.registry });
    // collect() runs with the gauge as `this`; the sources are read through these arrows.
    const jobs = () => this.jobs;
    const pools = () => this.pools;
    new Gauge({
      name: 'cc1357_crm_job_queue_jobs',
      help: 'BullMQ jobs per queue (crm-sms, crm-relay-delivery, crm-maintenance) and state (waiting, active, delayed, failed)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        const source = jobs();
        if (!source) return;
        try {
          const counts = await source.jobCounts();
          for (const [queue, states] of Object.entries(counts))
            for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n);
        } catch {
          // Redis away: no figures rather than stale ones (readiness names redis).
          this.reset();
        }
      },
    });
    new Gauge({
      name: 'cc1357_crm_db_pool_clients',
      help: 'PostgreSQL pool clients by pool (main, readAudit, login) and state (total, idle, waiting requests)',
      labelNames: ['pool', 'state'] as const,
      registers: [this.registry],
      collect() {
        for (const [pool, p] of Object.entries(pools())) {
          this.set({ pool, state: 'total' }, p.totalCount);
          this.set({ pool, state: 'idle' }, p.idleCount);
          this.set({ pool, state: 'waiting' }, p.waitingCount);
        }
      },
    });
  }

  /** What is read at scrape time: the job queues (with Redis) and the pools. */
  readFrom(sources: { jobs?: JobCountSource | null; pools?: Record<string, pg.Pool> }): void {
    if (sources.jobs) this.jobs = sources.jobs;
    if (sources.pools) this.pools = sources.pools;
  }

  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
