import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { startCrmApi, type CrmApiHandle } from '../src/server';
import { labelValues, sample } from './support/prometheusText';
import { SECRET, startTestCrm, tokenFor, type TestCrm } from './support/server';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const scrape = async (url: string | null) => {
  const res = await fetch(url!);
  expect(res.status).toBe(200);
  return res.text();
};

describe('crm-api metrics and health', () => {
  let crm: TestCrm | undefined;
  let bare: CrmApiHandle | undefined;
  afterEach(async () => {
    await crm?.close();
    await bare?.close();
    crm = bare = undefined;
  });

  it('labels request latency by route pattern, never the raw URL; counts job queues; ready names postgres and redis', async () => {
    crm = await startTestCrm({
      redisUrl: REDIS_URL,
      queuePrefix: `metrics-${randomUUID()}`,
      cohortRefreshMs: 0,
      metrics: { port: 0, host: '127.0.0.1' },
    });
    const metricsUrl = crm.api.metricsUrl;
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    // Never on the API's port.
    expect((await fetch(`${crm.api.url}/metrics`)).status).toBe(404);

    const token = await tokenFor('counselor');
    for (const number of ['0299998888', '0211112222', '01033334444']) {
      const res = await fetch(`${crm.api.url}/api/callers/${number}/pop`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
    }
    expect((await fetch(`${crm.api.url}/no/such/path/12345`)).status).toBe(404);

    const text = await scrape(metricsUrl);
    const name = 'cc1357_crm_http_request_duration_seconds_count';
    expect(sample(text, name, { method: 'GET', route: '/api/callers/:number/pop', status: '200' })).toBe(3);
    expect(sample(text, name, { route: '(unmatched)', status: '404' })).toBeGreaterThanOrEqual(1);
    const routes = labelValues(text, name, 'route');
    expect(routes.some((r) => /\d{6,}/.test(r))).toBe(false); // no phone number, no path of a 404
    expect(sample(text, 'cc1357_crm_job_queue_jobs', { queue: 'crm-sms', state: 'waiting' })).toBe(0);
    expect(sample(text, 'cc1357_crm_job_queue_jobs', { queue: 'crm-relay-delivery', state: 'failed' })).toBe(0);
    expect(sample(text, 'cc1357_crm_db_pool_clients', { pool: 'main', state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'nodejs_eventloop_lag_seconds', { service: 'crm-api' })).toBeGreaterThanOrEqual(0);

    const ready = await fetch(`${crm.api.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      service: 'crm-api',
      checks: { postgres: { ok: true }, redis: { ok: true } },
    });
    const live = await fetch(`${crm.api.url}/health/live`);
    expect(await live.json()).toEqual({ status: 'ok', service: 'crm-api', checks: {} });
    // The request histogram has the health routes too, by their pattern.
    expect(sample(await scrape(metricsUrl), name, { route: '/health/ready', status: '200' })).toBe(1);
  });

  it('readiness is 503 naming postgres and redis when neither answers (clients on closed ports); liveness stays 200', async () => {
    const [pgPort, redisPort] = [await closedPort(), await closedPort()];
    bare = await startCrmApi({
      databaseUrl: `postgres://postgres@127.0.0.1:${pgPort}/nothing`,
      redisUrl: `redis://127.0.0.1:${redisPort}`,
      queuePrefix: `metrics-${randomUUID()}`,
      cohortRefreshMs: 0,
      authSecret: SECRET,
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      metrics: { port: 0, host: '127.0.0.1' },
    });
    const ready = await fetch(`${bare.url}/health/ready`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { status: string; checks: Record<string, { ok: boolean; error?: string }> };
    expect(body.status).toBe('unavailable');
    expect(body.checks.postgres).toMatchObject({ ok: false, error: expect.stringMatching(/ECONNREFUSED|connect/) });
    expect(body.checks.redis).toMatchObject({ ok: false, error: expect.stringContaining('redis') });

    const live = await fetch(`${bare.url}/health/live`);
    expect(live.status).toBe(200);
    // Metrics still answer; job counts are left out rather than stale.
    const text = await scrape(bare.metricsUrl);
    expect(sample(text, 'cc1357_crm_job_queue_jobs')).toBeUndefined();
    expect(
      sample(text, 'cc1357_crm_http_request_duration_seconds_count', { route: '/health/ready', status: '503' }),
    ).toBe(1);
  });
});

describe('METRICS_PORT / METRICS_HOST', () => {
  const base = { DATABASE_URL: 'postgres://x@h/db', AUTH_SECRET: '0123456789abcdef' };
  it('serves no /metrics unless METRICS_PORT is set; loopback unless METRICS_HOST says otherwise', () => {
    expect(loadConfig(base).metrics).toBeUndefined();
    expect(loadConfig({ ...base, METRICS_PORT: '' }).metrics).toBeUndefined();
    expect(loadConfig({ ...base, METRICS_PORT: '9465' }).metrics).toEqual({ port: 9465, host: '127.0.0.1' });
    expect(loadConfig({ ...base, METRICS_PORT: '9465', METRICS_HOST: '0.0.0.0' }).metrics?.host).toBe('0.0.0.0');
    expect(() => loadConfig({ ...base, METRICS_PORT: 'x' })).toThrowError(/METRICS_PORT/);
  });
});
