import { describe, expect, it } from 'vitest';
import { ArgsError, knob, parseArgs, selectScenarios } from '../args';
import { addOutcome, carryOver, isReportShape, summaryTable, type BenchReport } from '../report';

describe('npm run bench arguments', () => {
  it('reads --only (both spellings), --quick and knobs', () => {
    expect(parseArgs(['--only', 'crm,reports', '--quick', '--reports-calls=1000'])).toEqual({
      only: ['crm', 'reports'],
      quick: true,
      flags: { 'reports-calls': '1000' },
    });
    expect(parseArgs(['--only=control-plane']).only).toEqual(['control-plane']);
    expect(parseArgs([])).toEqual({ only: null, quick: false, flags: {} });
  });

  it('takes BENCH_SUITES as --only, and --only wins over it', () => {
    expect(parseArgs([], { BENCH_SUITES: 'ivr, calls' }).only).toEqual(['ivr', 'calls']);
    expect(parseArgs(['--only', 'crm'], { BENCH_SUITES: 'ivr' }).only).toEqual(['crm']);
  });

  it('refuses what it does not understand with a clear error', () => {
    expect(() => parseArgs(['--fast'])).toThrow(ArgsError);
    expect(() => parseArgs(['--only'])).toThrow(/comma-separated list/);
    expect(() => parseArgs(['--only='])).toThrow(ArgsError);
    const all = [{ name: 'crm' }, { name: 'ivr' }];
    expect(() => selectScenarios(all, ['crn'])).toThrow(/unknown scenario\(s\) crn; known: crm, ivr/);
    expect(selectScenarios(all, ['ivr'])).toEqual([{ name: 'ivr' }]);
    expect(selectScenarios(all, null)).toEqual(all);
  });

  it('knobs: flag over env over the quick/full default; bad numbers refused', () => {
    const d = { quick: 5, full: 50 };
    expect(knob({ quick: true, flags: {}, env: {} }, 'n', d)).toBe(5);
    expect(knob({ quick: false, flags: {}, env: {} }, 'n', d)).toBe(50);
    expect(knob({ quick: true, flags: {}, env: { N: '7' } }, 'n', d, 'N')).toBe(7);
    expect(knob({ quick: true, flags: { n: '9' }, env: { N: '7' } }, 'n', d, 'N')).toBe(9);
    expect(() => knob({ quick: true, flags: { n: 'x' }, env: {} }, 'n', d)).toThrow(
      /--n must be a non-negative number/,
    );
  });
});

describe('results file', () => {
  const empty = (): BenchReport => ({
    machine: { cpus: 2 },
    startedAt: '',
    finishedAt: '',
    quick: true,
    scenarios: {},
    skipped: {},
    detail: {},
  });

  it('keeps figures as numbers under scenarios, skips and detail beside them', () => {
    const report = empty();
    addOutcome(report, 'reports', { figures: { calls: 100, kpi_month_ms: 17.5 }, detail: { runs: 5 } });
    addOutcome(report, 'real-asterisk', { skipped: 'skipped: no TEST_ASTERISK_PREFIX' });
    expect(report.scenarios).toEqual({ reports: { calls: 100, kpi_month_ms: 17.5 } });
    expect(report.skipped).toEqual({ 'real-asterisk': 'skipped: no TEST_ASTERISK_PREFIX' });
    expect(report.detail).toEqual({ reports: { runs: 5 } });
    expect(isReportShape(JSON.parse(JSON.stringify(report)))).toBe(true);
    expect(summaryTable(report).split('\n')).toEqual([
      'scenario       key           value',
      'reports        calls           100',
      'reports        kpi_month_ms  17.50',
      'real-asterisk  skipped: no TEST_ASTERISK_PREFIX',
    ]);
  });

  it('refuses a figure that is not a number, and tells a wrong shape', () => {
    expect(() => addOutcome(empty(), 'x', { figures: { a: NaN } })).toThrow(/figure a is not a number/);
    expect(isReportShape({ machine: {}, scenarios: { x: { a: 'fast' } } })).toBe(false);
    expect(isReportShape({ scenarios: {} })).toBe(false);
  });
});

describe('an --only run and the day’s earlier figures', () => {
  const run = (startedAt: string, quick: boolean, scenarios: BenchReport['scenarios']): BenchReport => ({
    machine: {},
    startedAt,
    finishedAt: startedAt,
    quick,
    scenarios,
    skipped: {},
    detail: {},
  });

  it('keeps the scenarios it did not run, marked with the run they came from', () => {
    const earlier = run('2026-12-02T08:00:00Z', true, { crm: { pop_query_p99_ms: 4 }, drills: { 'x.calls_lost': 1 } });
    const now = run('2026-12-02T09:00:00Z', false, { drills: { 'x.calls_lost': 0 } });
    carryOver(now, earlier);
    expect(now.scenarios).toEqual({ drills: { 'x.calls_lost': 0 }, crm: { pop_query_p99_ms: 4 } });
    expect(now.detail.carriedOver).toEqual({ crm: { startedAt: '2026-12-02T08:00:00Z', quick: true } });

    // Carried again by a third run: still the first run's origin.
    const later = run('2026-12-02T10:00:00Z', false, { drills: { 'x.calls_lost': 0 } });
    carryOver(later, now);
    expect(later.detail.carriedOver).toEqual({ crm: { startedAt: '2026-12-02T08:00:00Z', quick: true } });
  });

  it('does not bring back figures of a scenario this run skipped', () => {
    const earlier = run('2026-12-02T08:00:00Z', false, { 'real-asterisk': { cps_max: 5 } });
    const now = run('2026-12-02T09:00:00Z', false, {});
    now.skipped['real-asterisk'] = 'skipped: no TEST_ASTERISK_PREFIX';
    carryOver(now, earlier);
    expect(now.scenarios).toEqual({});
    expect(now.detail.carriedOver).toBeUndefined();
  });
});
