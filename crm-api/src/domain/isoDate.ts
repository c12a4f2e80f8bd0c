import { z } from 'zod';

/**
 * A calendar day as YYYY-MM-DD that exists: the pattern alone lets 2025-02-30 through, and
 * Date.parse quietly turns it into March 2.
 */
export function isoDate(formatMessage = 'YYYY-MM-DD 형식입니다') {
  return z.string().regex(/^\d{4}-\d{2}-\d{2}$/, formatMessage).refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, '없는 날짜입니다');
}
