import { signAccessToken } from '@cc1357/contracts';
import { startCrmApi } from '@cc1357/crm-api';
import pino from 'pino';

const SECRET = 'bench-reports-secret-0123456789abcdef';

export interface KpiApiTiming {
  /** Wall time of each timed run: both requests (by queue, by agent) in parallel, as a supervisor's screen asks. */
  times: number[];
  /** Rows of the warm-up's reports (per queue, per agent): their `totals`. */
  queues: number;
  agents: number;
  /** Rows of the warm-up's by-agent report (`rows`: interval × agent). */
  agentRows: number;
  /** The first non-200 answer, if any (the reports pool stops a statement at 3 s: 503). */
  error: string | null;
}

export interface KpiApiQuery {
  from: string;
  to: string;
  interval: 'month' | 'day' | '60m' | '30m' | '15m';
}

/**
 * Times crm-api's own report over HTTP: `GET /api/reports/kpi?from&to&interval&by=…` on a
 * crm-api started in this process against the bench database (its reports pool, its 3 s
 * statement timeout, its JSON), with a supervisor's token, for each query in turn: one warm-up,
 * then `runs` timed runs. The default thresholds (T 20 s, S 5 s) are on the KPI totals' edges,
 * so the report sums crm-api's kpi_totals (migration 028).
 */
export async function timeKpiApi(
  databaseUrl: string,
  queries: readonly KpiApiQuery[],
  runs: number,
): Promise<KpiApiTiming[]> {
  const crm = await startCrmApi({
    databaseUrl,
    authSecret: SECRET,
    host: '127.0.0.1',
    port: 0,
    logger: pino({ level: 'silent' }),
  });
  try {
    const token = await signAccessToken(
      { sub: 'bench-supervisor', username: 'bench-supervisor', role: 'supervisor', skills: [] },
      SECRET,
      3600,
    );
    const out: KpiApiTiming[] = [];
    for (const query of queries) {
      let error: string | null = null;
      const report = async (by: 'queue' | 'agent') => {
        const q = new URLSearchParams({ ...query, by });
        const res = await fetch(`${crm.url}/api/reports/kpi?${q}`, { headers: { authorization: `Bearer ${token}` } });
        const body = (await res.json().catch(() => null)) as { totals?: unknown[]; rows?: unknown[] } | null;
        if (!res.ok) error ??= `by=${by}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`;
        return { totals: body?.totals?.length ?? 0, rows: body?.rows?.length ?? 0 };
      };
      const once = async () => {
        const t = performance.now();
        const [queues, agents] = await Promise.all([report('queue'), report('agent')]);
        return { ms: performance.now() - t, queues, agents };
      };
      const warm = await once();
      const times: number[] = [];
      for (let i = 0; i < runs && !error; i++) times.push((await once()).ms);
      out.push({ times, queues: warm.queues.totals, agents: warm.agents.totals, agentRows: warm.agents.rows, error });
    }
    return out;
  } finally {
    await crm.close();
  }
}
