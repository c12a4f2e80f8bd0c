import { defaultFlowsDir, loadFlowSetOrThrow, simulate } from '@cc1357/ivr-flows';
import { measure, type BenchContext, type BenchResult } from '../types';

/**
 * The pure IVR runner: one whole caller journey through the shipped 1357 tree per sample
 * (start, every prompt, digits, queries, to the outcome), as the simulator drives it — the
 * per-call CPU cost telephony pays for its IVR, independent of ARI and media.
 */
const JOURNEYS: string[][] = [['1'], ['2', '1'], ['4', '3'], ['5', '2'], ['7', '1'], ['0'], ['9', '9', '9']];

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const flow = await loadFlowSetOrThrow(defaultFlowsDir, { calendar: { alwaysOpen: true } });
  const samples = Number(ctx.env.BENCH_SAMPLES ?? 1000) * 5;
  let steps = 0;
  const result = await measure(samples, 500, async (i) => {
    const journey = JOURNEYS[i % JOURNEYS.length]!;
    const sim = simulate(flow, {
      digits: journey,
      at: new Date('2026-12-01T01:00:00Z'),
      caller: '0212345678',
      known: false,
      ewtSeconds: 0,
    });
    steps += sim.lines.length;
  });
  const heap = process.memoryUsage().heapUsed;
  ctx.log(`${samples} journeys, ~${Math.round(steps / (samples + 500))} trace lines each`);
  return [
    {
      suite: 'ivr',
      name: 'whole caller journey (pure runner)',
      ...result,
      notes: { journeys: JOURNEYS.map((j) => j.join(',')), heapUsedMiB: Math.round(heap / 1048576) },
    },
  ];
}
