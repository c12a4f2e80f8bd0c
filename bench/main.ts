import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { ArgsError, parseArgs, selectScenarios } from './args';
import { addOutcome, carryOver, isReportShape, machineInfo, summaryTable, type BenchReport } from './report';
import { SCENARIOS } from './scenarios';

/**
 * `npm run bench -- [--only a,b,…] [--quick] [--knob=value]`: runs the scenarios of
 * bench/scenarios.ts in order, prints a summary table, writes bench/results/<YYYY-MM-DD>.json
 * and copies it to bench/results/latest.json (an `--only` run keeps the day's figures of the
 * scenarios it did not run, marked in detail.carriedOver). Never part of the tests. A scenario that throws is
 * recorded as failed (with its error) and the others still run; the exit code is then 1.
 */
const here = fileURLToPath(new URL('.', import.meta.url));

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), process.env);
  const chosen = selectScenarios(SCENARIOS, args.only);
  const report: BenchReport = {
    machine: machineInfo(),
    startedAt: new Date().toISOString(),
    finishedAt: '',
    quick: args.quick,
    scenarios: {},
    skipped: {},
    detail: {},
  };
  const failed: Record<string, string> = {};
  for (const scenario of chosen) {
    const started = performance.now();
    process.stderr.write(`# scenario ${scenario.name}${args.quick ? ' (quick)' : ''}\n`);
    try {
      const outcome = await scenario.run({
        env: process.env,
        quick: args.quick,
        flags: args.flags,
        log: (line) => process.stderr.write(`  ${line}\n`),
      });
      addOutcome(report, scenario.name, outcome);
    } catch (err) {
      failed[scenario.name] = (err as Error).stack ?? String(err);
      process.stderr.write(`  FAILED: ${failed[scenario.name]}\n`);
    }
    process.stderr.write(`  (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  report.finishedAt = new Date().toISOString();
  report.machine.loadAvgAtEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
  if (Object.keys(failed).length) report.detail.failed = failed;

  const dir = `${here}results`;
  await mkdir(dir, { recursive: true });
  const dated = `${dir}/${report.startedAt.slice(0, 10)}.json`;
  if (args.only) {
    const earlier = await readFile(dated, 'utf8').then(
      (text) => JSON.parse(text) as unknown,
      () => null,
    );
    if (isReportShape(earlier)) carryOver(report, earlier as BenchReport);
  }
  await writeFile(dated, `${JSON.stringify(report, null, 2)}\n`);
  await copyFile(dated, `${dir}/latest.json`);
  process.stdout.write(`${summaryTable(report)}\n`);
  for (const name of Object.keys(failed)) process.stdout.write(`${name}: FAILED (see detail.failed)\n`);
  process.stdout.write(
    `load average ${(report.machine.loadAvgAtStart as number[]).join(' ')} → ${(report.machine.loadAvgAtEnd as number[]).join(' ')} · ${dated.replace(here, 'bench/')} (also bench/results/latest.json)\n`,
  );
  return Object.keys(failed).length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ArgsError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
