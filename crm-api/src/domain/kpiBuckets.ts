import { KST_OFFSET_MS, type KpiInterval } from '@cc1357/contracts';

/**
 * Report intervals on Asia/Seoul wall time. Korea has no daylight saving (since 1988), so a
 * Seoul day is always 24 h and every interval is a fixed offset from UTC: shift by +9 h, cut on
 * the wall clock, shift back.
 */

const MINUTE = 60_000;
const STEP_MINUTES: Partial<Record<KpiInterval, number>> = { '15m': 15, '30m': 30, '60m': 60, day: 1440 };

/** The start of the interval that holds `at`. */
export function bucketStart(at: Date, interval: KpiInterval): Date {
  const wall = new Date(at.getTime() + KST_OFFSET_MS);
  if (interval === 'month') {
    return new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), 1) - KST_OFFSET_MS);
  }
  const step = STEP_MINUTES[interval]! * MINUTE;
  return new Date(Math.floor(wall.getTime() / step) * step - KST_OFFSET_MS);
}

/** The end (excluded) of the interval that starts at `start`. */
export function bucketEnd(start: Date, interval: KpiInterval): Date {
  if (interval === 'month') {
    const wall = new Date(start.getTime() + KST_OFFSET_MS);
    return new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth() + 1, 1) - KST_OFFSET_MS);
  }
  return new Date(start.getTime() + STEP_MINUTES[interval]! * MINUTE);
}

/** Seoul wall-time label of an interval start: `2026-12-01 09:15`, `2026-12-01`, `2026-12`. */
export function bucketLabel(start: Date, interval: KpiInterval): string {
  const iso = new Date(start.getTime() + KST_OFFSET_MS).toISOString();
  if (interval === 'month') return iso.slice(0, 7);
  if (interval === 'day') return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** The [start, end) instants of the Seoul days `from` … `to` (both included). */
export function periodOf(from: string, to: string): { start: Date; end: Date } {
  const start = new Date(Date.parse(`${from}T00:00:00Z`) - KST_OFFSET_MS);
  const end = new Date(Date.parse(`${to}T00:00:00Z`) - KST_OFFSET_MS + 1440 * MINUTE);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) throw new Error(`not a period: ${from}..${to}`);
  return { start, end };
}

/**
 * Splits [from, to) over the intervals it crosses: [interval start, seconds inside it]. Occupancy
 * needs this: a call from 09:10 to 09:20 is 5 minutes of the 09:00 quarter and 5 of the 09:15 one.
 */
export function spreadOver(from: Date, to: Date, interval: KpiInterval): Array<[Date, number]> {
  const out: Array<[Date, number]> = [];
  let start = bucketStart(from, interval);
  while (start < to) {
    const end = bucketEnd(start, interval);
    const seconds = (Math.min(end.getTime(), to.getTime()) - Math.max(start.getTime(), from.getTime())) / 1000;
    if (seconds > 0) out.push([start, seconds]);
    start = end;
  }
  return out;
}
