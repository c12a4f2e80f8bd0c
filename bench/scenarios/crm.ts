import { knob } from '../args';
import type { Scenario } from '../types';

/**
 * `crm`: crm-api's hot paths (bench/suites/crm.ts) under the keys. Full size is
 * BENCH_COMPANIES (default 200,000; the national figure used BENCH_DATABASE_URL on a seeded
 * 8.04 M database); `--quick` uses a small seeded database (5,000 companies, kept for reuse).
 */
export const crm: Scenario = {
  name: 'crm',
  async run(ctx) {
    const companies = knob(ctx, 'crm-companies', { quick: 5_000, full: 200_000 }, 'BENCH_COMPANIES');
    const samples = knob(ctx, 'crm-samples', { quick: 200, full: 1_000 }, 'BENCH_SAMPLES');
    const { run } = await import('../suites/crm');
    const started = performance.now();
    const results = await run({
      env: { ...ctx.env, BENCH_COMPANIES: String(companies), BENCH_SAMPLES: String(samples) },
      log: ctx.log,
    });
    const p99 = (prefix: string) => results.find((r) => r.name.startsWith(prefix))?.p99Ms ?? NaN;
    const notes = (results[0]?.notes ?? {}) as { seedSeconds?: number };
    return {
      figures: {
        companies,
        pop_query_p99_ms: p99('caller pop'),
        name_search_p99_ms: p99('company name search'),
        recommend_p99_ms: p99('recommendations'),
        // 0 when an already seeded database was reused (the seed time of that one is in an older run).
        seed_s: notes.seedSeconds ?? 0,
      },
      detail: {
        results,
        seconds: Math.round((performance.now() - started) / 100) / 10,
        reusedDatabase: notes.seedSeconds === undefined,
      },
    };
  },
};
