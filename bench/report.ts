import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { ScenarioOutcome } from './types';

/**
 * The results file: `{ machine, scenarios: { name: { key: number } }, skipped, detail }`.
 * `scenarios` holds numbers only, so two runs compare key by key; everything else (sub-results,
 * notes, why a scenario was skipped) lives beside it.
 */
export interface BenchReport {
  machine: Record<string, unknown>;
  startedAt: string;
  finishedAt: string;
  quick: boolean;
  scenarios: Record<string, Record<string, number>>;
  skipped: Record<string, string>;
  detail: Record<string, unknown>;
}

export function machineInfo(): Record<string, unknown> {
  let commit: string | null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    commit = null;
  }
  const load = os.loadavg().map((l) => Math.round(l * 100) / 100);
  return {
    hostname: os.hostname(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    totalMemGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    commit,
    loadAvgAtStart: load,
  };
}

export function addOutcome(report: BenchReport, name: string, outcome: ScenarioOutcome): void {
  if ('skipped' in outcome) {
    report.skipped[name] = outcome.skipped;
    return;
  }
  for (const [key, value] of Object.entries(outcome.figures))
    if (typeof value !== 'number' || Number.isNaN(value))
      throw new Error(`scenario ${name}: figure ${key} is not a number (${String(value)})`);
  report.scenarios[name] = outcome.figures;
  if (outcome.detail !== undefined) report.detail[name] = outcome.detail;
}

/** Where a carried-over scenario's figures were measured. */
export interface CarriedOver {
  startedAt: string;
  quick: boolean;
}

/**
 * A run of some scenarios (`--only`) must not wipe the day's figures for the others: the
 * scenarios of the day's earlier file that this run did not measure are kept, each marked in
 * `detail.carriedOver` with the run it came from (and whether that run was `--quick`).
 */
export function carryOver(report: BenchReport, earlier: BenchReport): void {
  const earlierOrigins = (earlier.detail.carriedOver ?? {}) as Record<string, CarriedOver>;
  const origins: Record<string, CarriedOver> = {};
  for (const [name, figures] of Object.entries(earlier.scenarios)) {
    if (name in report.scenarios || name in report.skipped) continue;
    report.scenarios[name] = figures;
    if (earlier.detail[name] !== undefined) report.detail[name] = earlier.detail[name];
    origins[name] = earlierOrigins[name] ?? { startedAt: earlier.startedAt, quick: earlier.quick };
  }
  if (Object.keys(origins).length) report.detail.carriedOver = origins;
}

/** True when `value` has the shape every results file keeps (what later runs compare against). */
export function isReportShape(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  if (typeof r.machine !== 'object' || r.machine === null) return false;
  if (typeof r.scenarios !== 'object' || r.scenarios === null) return false;
  return Object.values(r.scenarios).every(
    (figures) =>
      typeof figures === 'object' &&
      figures !== null &&
      Object.values(figures).every((v) => typeof v === 'number' && Number.isFinite(v)),
  );
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));

/** The summary table: one line per figure (scenario, key, value), skipped scenarios last. */
export function summaryTable(report: BenchReport): string {
  const rows: [string, string, string][] = [];
  for (const [name, figures] of Object.entries(report.scenarios))
    for (const [key, value] of Object.entries(figures)) rows.push([name, key, fmt(value)]);
  const head: [string, string, string] = ['scenario', 'key', 'value'];
  const names = [...rows.map((r) => r[0]), ...Object.keys(report.skipped)];
  const width = [
    Math.max(head[0].length, ...names.map((n) => n.length)),
    ...[1, 2].map((c) => Math.max(head[c]!.length, ...rows.map((r) => r[c]!.length))),
  ];
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 2 ? cell.padStart(width[c]!) : cell.padEnd(width[c]!))).join('  ');
  const skipped = Object.entries(report.skipped).map(([name, why]) => `${name.padEnd(width[0]!)}  ${why}`);
  return [line(head), ...rows.map((r) => line(r)), ...skipped].join('\n');
}
