import { describe, expect, it } from 'vitest';
import { DEFAULT_MIX, MENU_CHOICES, planCaller, weightedChoice } from '../src/caller-plan';
import { seededRng } from '../src/rng';
import { expectedCounts, judgeSmoke, smokeScripts, summaryLine } from '../src/smoke-plan';

const samples = { known: ['0212345678', '01011112222', '0317654321', '01099998888'], shared: ['0221110000'] };

describe('caller plans', () => {
  it('is repeatable from a seed', () => {
    const a = Array.from(
      { length: 20 },
      (
        (rng) => () =>
          planCaller(rng, samples)
      )(seededRng(7)),
    );
    const b = Array.from(
      { length: 20 },
      (
        (rng) => () =>
          planCaller(rng, samples)
      )(seededRng(7)),
    );
    expect(a).toEqual(b);
  });

  it('mixes intents roughly as configured', () => {
    const rng = seededRng(1357);
    const plans = Array.from({ length: 2000 }, () => planCaller(rng, samples));
    const share = (intent: string) => plans.filter((p) => p.intent === intent).length / plans.length;
    expect(share('abandonInQueue')).toBeGreaterThan(DEFAULT_MIX.abandonShare - 0.03);
    expect(share('abandonInQueue')).toBeLessThan(DEFAULT_MIX.abandonShare + 0.03);
    expect(share('hangupInIvr')).toBeGreaterThan(DEFAULT_MIX.ivrHangupShare - 0.02);
    expect(plans.some((p) => p.from === '')).toBe(true); // withheld numbers occur
    expect(
      plans.every(
        (p) =>
          p.expected ===
          (p.intent === 'talk' ? 'answered' : p.intent === 'abandonInQueue' ? 'abandoned' : 'endedInIvr'),
      ),
    ).toBe(true);
  });

  it('weights menu choices', () => {
    const rng = seededRng(3);
    const picks = Array.from({ length: 3000 }, () => weightedChoice(rng, MENU_CHOICES).queue);
    const fund = picks.filter((q) => q === 'fund').length / picks.length;
    expect(fund).toBeGreaterThan(0.25);
    expect(fund).toBeLessThan(0.35);
  });
});

describe('smoke session', () => {
  const scripts = smokeScripts(samples, seededRng(1));

  it('expects each end the scripts aim for', () => {
    expect(expectedCounts(scripts)).toEqual({
      offered: 7,
      answered: 5,
      abandoned: 2,
      consultations: 5,
      // Each transfer adds the next counselor's recording of the same call.
      recordings: 7,
      transfers: 2,
      relays: 1,
      counselorTransfers: 1,
      holds: 1,
    });
    expect(summaryLine(expectedCounts(scripts))).toBe(
      'offered=7 answered=5 abandoned=2 consultations=5 recordings=7 transfers=2 relays=1',
    );
  });

  it('gives every talking caller a desk action and uses each desk feature once', () => {
    const talking = scripts.filter((s) => s.intent === 'talk');
    expect(talking.map((s) => s.desk).sort()).toEqual(['hold', 'plain', 'relay', 'transferAgent', 'transferQueue']);
    expect(scripts.filter((s) => s.intent !== 'talk').every((s) => s.desk === undefined)).toBe(true);
  });

  it('fails when one call ends differently or the CRM disagrees', () => {
    const results = scripts.map((script) => ({
      script,
      actual: script.expected as string,
      detail: '',
      channelId: 'c',
    }));
    const counts = expectedCounts(scripts);
    expect(judgeSmoke(results, counts, counts)).toEqual({ ok: true, problems: [] });
    const oneWrong = results.map((r, i) => (i === 0 ? { ...r, actual: 'failed', detail: 'dropped' } : r));
    expect(judgeSmoke(oneWrong, counts, counts).ok).toBe(false);
    expect(judgeSmoke(results, counts, { ...counts, abandoned: 3 }).problems).toEqual([
      'abandoned: expected 2, CRM shows 3',
    ]);
    // A recording not finalised (or one too many) fails the run too.
    expect(judgeSmoke(results, counts, { ...counts, recordings: 4 }).problems).toEqual([
      'recordings: expected 7, CRM shows 4',
    ]);
    // A relay the partner's receiver never acknowledged, a transfer that fell back to the queue,
    // or a hold never resumed fails it as well.
    expect(judgeSmoke(results, counts, { ...counts, relays: 0 }).problems).toEqual([
      'relays: expected 1, the partner acknowledged 0',
    ]);
    expect(judgeSmoke(results, counts, { ...counts, counselorTransfers: 0 }).ok).toBe(false);
    expect(judgeSmoke(results, counts, { ...counts, holds: 0 }).ok).toBe(false);
  });
});
