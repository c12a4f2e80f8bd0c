import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchResult, BenchSuite } from './types';

/**
 * `npm run bench`: every suite in bench/suites/ (BENCH_SUITES=crm,… to choose), one table on
 * stdout, bench/results/latest.json for the record. Never part of the tests.
 */
const here = fileURLToPath(new URL('.', import.meta.url));

async function main(): Promise<void> {
  const wanted = process.env.BENCH_SUITES?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const files = (await readdir(`${here}suites`)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
  const results: BenchResult[] = [];
  const startedAt = new Date().toISOString();
  for (const file of files) {
    const name = file.replace(/\.ts$/, '');
    if (wanted && !wanted.includes(name)) continue;
    const suite = (await import(`./suites/${file}`)) as BenchSuite;
    process.stderr.write(`# suite ${name}\n`);
    results.push(...(await suite.run({ env: process.env, log: (line) => process.stderr.write(`  ${line}\n`) })));
  }
  const rows = results.map((r) => ({
    suite: r.suite,
    name: r.name,
    n: String(r.samples),
    p50: r.p50Ms.toFixed(2),
    p95: r.p95Ms.toFixed(2),
    p99: r.p99Ms.toFixed(2),
    max: r.maxMs.toFixed(2),
    target: r.targetP99Ms === undefined ? '' : `≤ ${r.targetP99Ms}`,
    ok: r.targetP99Ms === undefined ? '' : r.p99Ms <= r.targetP99Ms ? 'yes' : 'NO',
  }));
  const cols = ['suite', 'name', 'n', 'p50', 'p95', 'p99', 'max', 'target', 'ok'] as const;
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...rows.map((r) => r[c].length))])) as Record<
    (typeof cols)[number],
    number
  >;
  const line = (r: Record<string, string>) => cols.map((c) => r[c]!.padEnd(width[c])).join('  ');
  process.stdout.write(
    `${line(Object.fromEntries(cols.map((c) => [c, c === 'p50' || c === 'p95' || c === 'p99' || c === 'max' ? `${c} ms` : c])))}\n`,
  );
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
  const mem = process.memoryUsage();
  const report = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      totalMemBytes: os.totalmem(),
      node: process.version,
    },
    process: { rssBytes: mem.rss, heapUsedBytes: mem.heapUsed },
    results,
  };
  await mkdir(`${here}results`, { recursive: true });
  await writeFile(`${here}results/latest.json`, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`rss ${(mem.rss / 1048576).toFixed(0)} MiB · results in bench/results/latest.json\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
