import { distance } from 'fastest-levenshtein';

/**
 * The id a mistyped reference most likely meant: the closest candidate within a couple of
 * edits (a swapped, missing or extra letter), or none. Ties go to the first candidate, so the
 * answer follows file order and is stable.
 */
export function nearMiss(typed: string, candidates: Iterable<string>): string | null {
  // Two edits cover a swapped pair ('rdn' for 'rnd'); long ids may be a little further off.
  const allowed = typed.length <= 2 ? 1 : Math.min(3, Math.max(2, Math.floor(typed.length / 4)));
  let best: string | null = null;
  let bestDistance = allowed + 1;
  for (const candidate of candidates) {
    if (candidate === typed) continue;
    const d = distance(typed, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
