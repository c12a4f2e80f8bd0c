import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCrmApi, type CrmApiHandle } from '@cc1357/crm-api';
import { createTestDatabase, type TestDatabase } from '@cc1357/crm-api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Center, reachQueue, startCenter, until } from '../support/center';
import { closedPort } from '../support/prometheus-text';

/**
 * A real Prometheus scrapes a real telephony and crm-api with ops/prometheus/prometheus.yml (its
 * targets pointed at this machine's ports, scraped every second) and ops/prometheus/alerts.yml,
 * and every expression of the Grafana dashboard (ops/grafana/cc1357.json) is evaluated: none may
 * be refused, and the panels about calls, ARI, HTTP, jobs and the event loop must have series.
 * Needs a Prometheus binary (PROMETHEUS_BIN, or `prometheus` on PATH; Debian's `prometheus`
 * package has one); without one it skips.
 */
const bin = process.env.PROMETHEUS_BIN ?? which('prometheus');
if (!bin) console.log('prometheus-scrape: no Prometheus binary (PROMETHEUS_BIN or prometheus on PATH); skipped');

function which(name: string): string | undefined {
  try {
    return execFileSync('which', [name], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const ops = new URL('../../../ops/', import.meta.url);

describe.skipIf(!bin)('Prometheus scrapes telephony and crm-api; the dashboard queries evaluate', () => {
  let center: Center;
  let database: TestDatabase;
  let crm: CrmApiHandle;
  let prometheus: ChildProcess;
  let dir: string;
  let promUrl: string;

  beforeAll(async () => {
    center = await startCenter();
    const telephony = await center.startTelephony(undefined, { env: { METRICS_PORT: '0' } });
    database = await createTestDatabase();
    crm = await startCrmApi({
      databaseUrl: database.url,
      authSecret: 'prometheus-scrape-secret-0123456789',
      redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      queuePrefix: `promscrape-${Date.now()}`,
      cohortRefreshMs: 0,
      logLevel: 'silent',
      metrics: { port: 0, host: '127.0.0.1' },
    });
    dir = await mkdtemp(path.join(tmpdir(), 'cc1357-prometheus-'));
    const promPort = await closedPort();
    promUrl = `http://127.0.0.1:${promPort}`;
    const hostOf = (url: string | null) => new URL(url!).host;
    const config = (await readFile(new URL('prometheus/prometheus.yml', ops), 'utf8'))
      .replace('/etc/prometheus/alerts.yml', new URL('prometheus/alerts.yml', ops).pathname)
      .replace(/scrape_interval: \d+s/, 'scrape_interval: 1s')
      .replace(/scrape_timeout: \d+s/, 'scrape_timeout: 1s')
      .replace(/evaluation_interval: \d+s/, 'evaluation_interval: 1s')
      .replace('telephony:9464', hostOf(telephony.metricsUrl))
      .replace('crm-api:9465', hostOf(crm.metricsUrl))
      .replace('localhost:9090', `127.0.0.1:${promPort}`);
    await writeFile(path.join(dir, 'prometheus.yml'), config);
    prometheus = spawn(
      bin!,
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ],
      { stdio: 'ignore' },
    );
  }, 60_000);

  afterAll(async () => {
    prometheus?.kill();
    await crm?.close();
    await database?.drop();
    await center?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const query = async (expr: string) =>
    (await (await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`)).json()) as {
      status: string;
      error?: string;
      data?: { result: { metric: Record<string, string> }[] };
    };

  it('every dashboard expression evaluates, the call and request panels have data, every alert rule is healthy', async () => {
    await until(async () => (await query('up == 1')).data?.result.length === 3, 'three targets up', 30_000);

    const agent = await center.agentConsole('1001');
    await agent.stateBecomes('notReady');
    await center.pbx.setPhone('1001', 'autoAnswer');
    await agent.command('agent.ready.v1', {});
    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    await reachQueue(center, caller);
    await agent.next('call.connected.v1');
    await center.pbx.hangup(caller);
    await agent.next('call.ended.v1');
    for (let i = 0; i < 5; i++) await fetch(`${crm.url}/api/callers/0212345678/pop`);

    const dashboard = JSON.parse(await readFile(new URL('grafana/cc1357.json', ops), 'utf8')) as {
      panels: { title: string; targets?: { expr: string }[] }[];
    };
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ title: p.title, expr: t.expr })));
    // rate() needs two samples inside its window: wait until the counters have moved on the scrapes.
    const mustHaveData = [
      'Offers per minute by queue',
      'How offers ended (per minute)',
      'ARI request latency p99 by operation',
      'HTTP requests per second by status',
      'BullMQ jobs by queue and state',
      'Event-loop lag p99',
      'Calls by state',
      'Consoles connected',
    ];
    await until(
      async () => {
        for (const { expr } of exprs.filter((e) => mustHaveData.includes(e.title)))
          if (!(await query(expr)).data?.result.length) return false;
        return true;
      },
      'series behind the dashboard panels',
      30_000,
    );
    for (const { title, expr } of exprs) {
      const answer = await query(expr);
      expect(answer.error, `${title}: ${expr}`).toBeUndefined();
      expect(answer.status, `${title}: ${expr}`).toBe('success');
    }

    type Rules = { data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] } };
    await until(
      async () => {
        const r = (await (await fetch(`${promUrl}/api/v1/rules`)).json()) as Rules;
        return r.data.groups[0]?.rules.every((rule) => rule.health === 'ok');
      },
      'alert rules evaluated',
      30_000,
    );
  }, 120_000);
});
