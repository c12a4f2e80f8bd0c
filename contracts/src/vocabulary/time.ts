import { z } from 'zod';

/**
 * Every timestamp the services exchange: an ISO-8601 instant with seconds and an explicit
 * offset (`2025-03-14T03:00:00.000Z`, `2025-03-14T12:00:00+09:00`). A time without an offset
 * would be read in whatever zone the reader runs in, and a time we cannot read would poison
 * every KPI, so both are refused at the edge.
 */
export const IsoInstant = z.iso.datetime({ offset: true, error: 'ISO-8601 시각이 아닙니다' });
export type IsoInstant = z.infer<typeof IsoInstant>;

/** A calendar day as YYYY-MM-DD (Asia/Seoul where it is a business day). */
export const IsoDay = z.iso.date({ error: 'YYYY-MM-DD 형식입니다' });
export type IsoDay = z.infer<typeof IsoDay>;

/**
 * A calendar day as YYYY-MM-DD that exists, for query parameters: the pattern alone lets
 * 2025-02-30 through (and Date.parse quietly turns it into March 2). A text that is not
 * YYYY-MM-DD at all gets `formatMessage` only, a well-formed day that does not exist '없는 날짜입니다'.
 */
export function calendarDay(formatMessage = 'YYYY-MM-DD 형식입니다') {
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: formatMessage, abort: true })
    .refine((d) => {
      const t = Date.parse(`${d}T00:00:00Z`);
      return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
    }, '없는 날짜입니다');
}
