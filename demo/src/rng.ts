import { createRng } from '@cc1357/crm-api';

/** A seeded PRNG (crm-api's mulberry32, the seeds' own) so simulated traffic is repeatable from a seed. */
export type Rng = () => number;

export function seededRng(seed: number): Rng {
  return createRng(seed).next;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(rng() * items.length)] as T;
}

export function between(rng: Rng, min: number, max: number): number {
  return min + rng() * (max - min);
}
