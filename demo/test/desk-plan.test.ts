import { QUEUE_IDS } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { callerKey, DEFAULT_DESK_MIX, deskCounts, DeskPlan, PARTNER_OF_QUEUE, planDeskAction } from '../src/desk-plan';
import { seededRng } from '../src/rng';

describe('desk plan', () => {
  it('hands each caller number its actions first in, first out; an unplanned call is plain', () => {
    const plan = new DeskPlan();
    plan.assign('010-1111-2222', 'relay');
    plan.assign('01011112222', 'hold');
    plan.assign(null, 'transferAgent');
    // The bot sees the number as telephony formats it; dashes or not, it is the same caller.
    expect(plan.take('01011112222')).toBe('relay');
    expect(plan.take('010-1111-2222')).toBe('hold');
    expect(plan.take('01011112222')).toBe('plain');
    // Withheld: the caller dials with '' and the offer says null.
    expect(plan.take(null)).toBe('transferAgent');
    expect(plan.take('')).toBe('plain');
  });

  it('forgets the action of a caller who left before anyone talked to them', () => {
    const plan = new DeskPlan();
    plan.assign('0212345678', 'relay');
    plan.assign('0212345678', 'hold');
    plan.forget('0212345678', 'relay');
    plan.forget('0299999999', 'hold'); // nothing planned there: no effect
    expect(plan.take('0212345678')).toBe('hold');
    expect(plan.take('0212345678')).toBe('plain');
  });

  it('plans actions repeatably from a seed, mixed roughly as configured', () => {
    const draw = (seed: number) => {
      const rng = seededRng(seed);
      return Array.from({ length: 4000 }, () => planDeskAction(rng));
    };
    const actions = draw(1357);
    expect(draw(1357)).toEqual(actions);
    const share = (a: string) => actions.filter((x) => x === a).length / actions.length;
    expect(share('hold')).toBeGreaterThan(DEFAULT_DESK_MIX.hold - 0.03);
    expect(share('hold')).toBeLessThan(DEFAULT_DESK_MIX.hold + 0.03);
    expect(share('relay')).toBeGreaterThan(DEFAULT_DESK_MIX.relay - 0.02);
    expect(share('relay')).toBeLessThan(DEFAULT_DESK_MIX.relay + 0.02);
    expect(share('plain')).toBeGreaterThan(0.6);
    expect(new Set(actions)).toEqual(new Set(['plain', 'hold', 'transferQueue', 'transferAgent', 'relay']));
  });

  it('counts what a set of actions adds up to', () => {
    expect(deskCounts(['plain', 'hold', 'transferQueue', 'transferAgent', 'relay', 'relay'])).toEqual({
      transfers: 2,
      counselorTransfers: 1,
      relays: 2,
      holds: 1,
    });
  });

  it('has a partner for every queue and keys digits only', () => {
    expect(Object.keys(PARTNER_OF_QUEUE).sort()).toEqual([...QUEUE_IDS].sort());
    expect(callerKey(' 02-123 4567 ')).toBe('021234567');
    expect(callerKey(undefined)).toBe('');
  });
});
