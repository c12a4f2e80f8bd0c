import type pg from 'pg';
import type { Logger } from 'pino';
import { closeStaleCalls } from '../services/staleCalls';

export interface StaleCallJobOptions {
  db: pg.Pool;
  log: Logger;
  now: () => Date;
  /** How often the reconciler looks (ms). */
  everyMs: number;
  /** No call lasts this long: an open record whose last event is older is closed (ms). */
  staleAfterMs: number;
}

/**
 * The stale call reconciler, on a plain timer in every crm-api process (the closing event's id is
 * fixed per call, so two processes close a call once). Not on BullMQ: its schedule must not
 * vanish with Redis's data, which is one of the ways a call's end goes unreported.
 */
export function startStaleCallJob(o: StaleCallJobOptions): { runOnce(): Promise<number>; close(): void } {
  const log = o.log.child({ component: 'stale-calls' });
  let running: Promise<number> | null = null;
  const runOnce = () =>
    (running ??= closeStaleCalls({ db: o.db, log }, { now: o.now(), staleAfterMs: o.staleAfterMs })
      .then((closed) => closed.length)
      .catch((err: unknown) => {
        log.warn({ err: String(err) }, 'stale call reconciler failed; next pass retries');
        return 0;
      })
      .finally(() => {
        running = null;
      }));
  const timer = setInterval(() => void runOnce(), o.everyMs);
  timer.unref();
  return {
    runOnce,
    close: () => clearInterval(timer),
  };
}
