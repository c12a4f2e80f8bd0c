import type { Logger } from 'pino';
import type { SimClient } from './sim-client';
import { between, type Rng } from './rng';

/**
 * The partner centers' counselors, simulated on pbx-sim: their phones (the partners' public
 * numbers) pick up a relayed call after a few rings — time for the relay package to reach the
 * partner's system first, so the counselor there already knows the story — talk a while, and
 * hang up, which ends the relayed call (telephony ends it when the partner leaves).
 */

export interface PartnerDeskTiming {
  timeScale: number;
  /** Rings before the partner picks up (real ms; pbx-sim scales it). */
  answerAfterMs: number;
  talkMs: [number, number];
}

export interface PartnerDesks {
  /** Relayed calls the partners picked up. */
  answered(): number;
  stop(): Promise<void>;
}

export async function startPartnerDesks(
  sim: SimClient,
  endpoints: readonly string[],
  timing: PartnerDeskTiming,
  rng: Rng,
  logger: Logger,
): Promise<PartnerDesks> {
  for (const endpoint of endpoints) await sim.setPhone(endpoint, 'autoAnswer', timing.answerAfterMs);
  const mine = new Set(endpoints);
  const timers = new Set<NodeJS.Timeout>();
  let answered = 0;
  const unsubscribe = await sim.control.onEvent((event) => {
    if (event.type !== 'phone.answered' || !mine.has(event.endpoint)) return;
    answered += 1;
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        sim
          .hangup(event.channelId)
          .catch((error: unknown) => logger.warn({ err: String(error) }, 'partner desk could not hang up'));
      },
      Math.max(1, Math.round(between(rng, ...timing.talkMs) * timing.timeScale)),
    );
    timers.add(timer);
  });
  return {
    answered: () => answered,
    stop: async () => {
      unsubscribe();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
