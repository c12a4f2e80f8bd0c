import type { BenchContext, BenchResult, Scenario, ScenarioContext } from '../types';

/**
 * The suites written before the scenarios (calls, ivr, loginFlood, recordings) as scenarios:
 * each of their results becomes `<key>_p50_ms`, `<key>_p99_ms` (and `_max_ms`, `_n`), with the
 * suite's own notes kept as detail. `--quick` passes smaller sizes through the env knobs the
 * suites already read, unless the caller set them.
 */
export function suiteScenario(
  name: string,
  load: () => Promise<{ run(ctx: BenchContext): Promise<BenchResult[]> }>,
  keys: Record<string, string>,
  quickEnv: Record<string, string> = {},
): Scenario {
  return {
    name,
    async run(ctx: ScenarioContext) {
      const env = { ...(ctx.quick ? quickEnv : {}), ...ctx.env }; // a knob set by hand wins over --quick
      const results = await (await load()).run({ env, log: ctx.log });
      const figures: Record<string, number> = {};
      for (const r of results) {
        const key =
          Object.entries(keys).find(([prefix]) => r.name.startsWith(prefix))?.[1] ??
          r.name.replace(/[^a-z0-9]+/gi, '_').toLowerCase();
        figures[`${key}_p50_ms`] = r.p50Ms;
        figures[`${key}_p99_ms`] = r.p99Ms;
        figures[`${key}_max_ms`] = r.maxMs;
        figures[`${key}_n`] = r.samples;
      }
      return { figures, detail: results };
    },
  };
}
