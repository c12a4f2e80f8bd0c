/**
 * The center's day is the calendar day in Asia/Seoul. Korea has had no daylight saving since
 * 1988, so KST is a fixed UTC+9 and needs no tz database.
 */
export const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** YYYY-MM-DD of an instant in Asia/Seoul. */
export function seoulDate(now: Date): string {
  return new Date(now.getTime() + KST_OFFSET_MS).toISOString().slice(0, 10);
}
