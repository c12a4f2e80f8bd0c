import type { QueueId } from '@cc1357/contracts';
import type { DeskAction } from './desk-plan';
import { between, pick, type Rng } from './rng';

/**
 * What one simulated caller will do — decided up front, purely, from a seeded RNG, so a demo
 * run or a smoke run is repeatable and the smoke check knows each call's expected end.
 */

export type CallerIntent = 'talk' | 'abandonInQueue' | 'hangupInIvr';
export type ExpectedEnd = 'answered' | 'abandoned' | 'endedInIvr';

export interface MenuChoice {
  /** Digits from the main menu to the queue (sub-menu digits included). */
  digits: string;
  queue: QueueId;
  weight: number;
}

/**
 * The routes of the shipped 1357 tree that end in a queue (see ivr-flows/README.md). Weights
 * follow the rough mix of 1357 traffic: policy funds and start-ups dominate.
 */
export const MENU_CHOICES: readonly MenuChoice[] = [
  { digits: '1', queue: 'fund', weight: 30 },
  { digits: '21', queue: 'startup', weight: 20 },
  { digits: '3', queue: 'merchant', weight: 15 },
  { digits: '41', queue: 'rnd', weight: 10 },
  { digits: '6', queue: 'hr', weight: 8 },
  { digits: '0', queue: 'general', weight: 17 },
];

export interface CallerSamples {
  /** Numbers of seeded contacts (one company each). */
  known: readonly string[];
  /** Numbers shared by several companies. */
  shared: readonly string[];
}

export interface CallerScript {
  from: string; // '' = withheld
  choice: MenuChoice;
  intent: CallerIntent;
  /** For abandonInQueue: how long the caller waits in queue before hanging up (real ms). */
  patienceMs: number;
  expected: ExpectedEnd;
  /** For talk: what the counselor who answers does at the desk (absent = plain). */
  desk?: DeskAction;
}

export interface CallerMix {
  abandonShare: number;
  ivrHangupShare: number;
  withheldShare: number;
  newCallerShare: number;
  sharedShare: number;
}

export const DEFAULT_MIX: CallerMix = {
  abandonShare: 0.12,
  ivrHangupShare: 0.06,
  withheldShare: 0.05,
  newCallerShare: 0.2,
  sharedShare: 0.05,
};

export function weightedChoice(rng: Rng, choices: readonly MenuChoice[]): MenuChoice {
  const total = choices.reduce((sum, c) => sum + c.weight, 0);
  let roll = rng() * total;
  for (const choice of choices) {
    roll -= choice.weight;
    if (roll < 0) return choice;
  }
  return choices[choices.length - 1] as MenuChoice;
}

/** A plausible number nobody in the CRM has: a Seoul landline or a mobile. */
export function newCallerNumber(rng: Rng): string {
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');
  return rng() < 0.5 ? `0109${digits(7)}` : `027${digits(7)}`;
}

export function pickCallerNumber(rng: Rng, samples: CallerSamples, mix: CallerMix): string {
  const roll = rng();
  if (roll < mix.withheldShare) return '';
  if (roll < mix.withheldShare + mix.newCallerShare || samples.known.length === 0) return newCallerNumber(rng);
  if (roll < mix.withheldShare + mix.newCallerShare + mix.sharedShare && samples.shared.length > 0)
    return pick(rng, samples.shared);
  return pick(rng, samples.known);
}

export function planCaller(rng: Rng, samples: CallerSamples, mix: CallerMix = DEFAULT_MIX): CallerScript {
  const from = pickCallerNumber(rng, samples, mix);
  const choice = weightedChoice(rng, MENU_CHOICES);
  const roll = rng();
  if (roll < mix.ivrHangupShare) {
    return { from, choice, intent: 'hangupInIvr', patienceMs: 0, expected: 'endedInIvr' };
  }
  if (roll < mix.ivrHangupShare + mix.abandonShare) {
    return {
      from,
      choice,
      intent: 'abandonInQueue',
      patienceMs: Math.round(between(rng, 0, 400)),
      expected: 'abandoned',
    };
  }
  return { from, choice, intent: 'talk', patienceMs: 0, expected: 'answered' };
}
