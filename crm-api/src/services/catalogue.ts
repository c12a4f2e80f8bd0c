import type { ProgramDto } from '@cc1357/contracts';
import type { Queryable } from '../db/pool';
import { programsNotClosedBy } from '../repositories/programs';

/**
 * The program catalogue not yet closed on a day is the same for every pop and recommendation of
 * that day, yet as JSON it is ~15 KB: building and parsing it was a quarter of a pop's time at
 * national scale (0.47 of 1.9 ms). So it is read once per TTL per day and shared; a catalogue
 * edit reaches pops within the TTL. Concurrent misses share one query; a failed query is not kept.
 */
export const CATALOGUE_TTL_MS = 30_000;

export interface CatalogueCache {
  /** Programs with closes_on ≥ day, by opening date. */
  notClosedBy(db: Queryable, day: string): Promise<ProgramDto[]>;
}

/** `clock` is wall time for the TTL (not the services' injected clock, which tests freeze). */
export function createCatalogueCache(ttlMs = CATALOGUE_TTL_MS, clock: () => number = Date.now): CatalogueCache {
  const byDay = new Map<string, { at: number; programs: Promise<ProgramDto[]> }>();
  return {
    notClosedBy(db, day) {
      const hit = byDay.get(day);
      if (hit && clock() - hit.at < ttlMs) return hit.programs;
      const programs = programsNotClosedBy(db, day);
      const entry = { at: clock(), programs };
      // One day at a time is all the service needs: yesterday's entry goes.
      byDay.clear();
      byDay.set(day, entry);
      programs.catch(() => {
        if (byDay.get(day) === entry) byDay.delete(day);
      });
      return programs;
    },
  };
}
