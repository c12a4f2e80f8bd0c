/**
 * The center's day is the calendar day in Asia/Seoul. Korea has had no daylight saving since
 * 1988, so KST is a fixed UTC+9 and needs no tz database.
 */
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

export interface DayWindow {
  /** YYYY-MM-DD in Asia/Seoul. */
  date: string;
  start: Date;
  end: Date;
}

export function seoulDayOf(now: Date): DayWindow {
  const kst = new Date(now.getTime() + KST_OFFSET_MS);
  const date = kst.toISOString().slice(0, 10);
  return seoulDay(date);
}

/** YYYY-MM-DD of an instant in Asia/Seoul. */
export function seoulDate(now: Date): string {
  return seoulDayOf(now).date;
}

/** The [start, end) instants of a YYYY-MM-DD day in Asia/Seoul. */
export function seoulDay(date: string): DayWindow {
  const start = new Date(Date.parse(`${date}T00:00:00Z`) - KST_OFFSET_MS);
  if (Number.isNaN(start.getTime())) throw new Error(`not a date: ${date}`);
  return { date, start, end: new Date(start.getTime() + 24 * 60 * 60 * 1000) };
}
