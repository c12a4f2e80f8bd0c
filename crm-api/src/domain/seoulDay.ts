import { KST_OFFSET_MS, seoulDate } from '@cc1357/contracts';

/** The center's day (Asia/Seoul) as a window of instants; the date itself is contracts' seoulDate. */
export { seoulDate };

export interface DayWindow {
  /** YYYY-MM-DD in Asia/Seoul. */
  date: string;
  start: Date;
  end: Date;
}

export function seoulDayOf(now: Date): DayWindow {
  return seoulDay(seoulDate(now));
}

/** The [start, end) instants of a YYYY-MM-DD day in Asia/Seoul. */
export function seoulDay(date: string): DayWindow {
  const start = new Date(Date.parse(`${date}T00:00:00Z`) - KST_OFFSET_MS);
  if (Number.isNaN(start.getTime())) throw new Error(`not a date: ${date}`);
  return { date, start, end: new Date(start.getTime() + 24 * 60 * 60 * 1000) };
}
