/**
 * The benchmark contract. `npm run bench` runs the scenarios listed in bench/scenarios/index.ts
 * (`Scenario` below: flat numeric figures per scenario). The older suites in bench/suites/
 * (`run(ctx: BenchContext): Promise<BenchResult[]>`, percentiles per measurement) run as
 * scenarios through bench/scenarios/legacy.ts.
 */
export interface BenchContext {
  /** Environment as given (suites read their own BENCH_* knobs from it). */
  env: Record<string, string | undefined>;
  log(line: string): void;
}

export interface BenchResult {
  suite: string;
  name: string;
  /** Samples measured (after warm-up). */
  samples: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The p99 target, when there is one. */
  targetP99Ms?: number;
  /** Free-form context: data size, seed time, RSS. */
  notes?: Record<string, unknown>;
}

export interface BenchSuite {
  run(ctx: BenchContext): Promise<BenchResult[]>;
}

/** Nearest-rank percentiles of millisecond samples, rounded to 0.01 ms. */
export function percentiles(values: readonly number[]): Omit<BenchResult, 'suite' | 'name'> {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN) * 100) / 100;
  return { samples: sorted.length, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: at(1) };
}

/** Times `fn` `samples` times after `warmup` runs. */
export async function measure(
  samples: number,
  warmup: number,
  fn: (i: number) => Promise<unknown>,
): Promise<Omit<BenchResult, 'suite' | 'name'>> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = process.hrtime.bigint();
    await fn(warmup + i);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return percentiles(times);
}

/* ---------- scenarios (issue 17): `npm run bench -- [--only a,b] [--quick]` ---------- */

export interface ScenarioContext extends BenchContext {
  /** `--quick`: small bounded sizes, minutes for the whole run. */
  quick: boolean;
  /** `--name=value` knobs from the command line. */
  flags: Record<string, string>;
}

/** One scenario's figures (flat numbers, so runs compare) and anything else worth keeping. */
export type ScenarioOutcome = { figures: Record<string, number>; detail?: unknown } | { skipped: string };

export interface Scenario {
  name: string;
  run(ctx: ScenarioContext): Promise<ScenarioOutcome>;
}
