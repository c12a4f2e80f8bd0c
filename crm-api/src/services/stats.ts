import { QUEUES, type DayStats } from '@cc1357/contracts';
import { queueStats } from '../domain/kpi';
import { seoulDayOf } from '../domain/seoulDay';
import { queueLegsEnteredBetween } from '../repositories/queueLegs';
import type { ServiceContext } from './context';

/**
 * Today's per-queue KPIs (Asia/Seoul day), every queue listed, zeros included: the legs that
 * entered a queue today (kept by the ingest in `queue_legs`), whenever their outcome came —
 * the same figures as `dayQueueStats` over the day's events, without reading the events.
 */
export async function todayStats(ctx: ServiceContext): Promise<DayStats> {
  const day = seoulDayOf(ctx.now());
  const legs = await queueLegsEnteredBetween(ctx.reportsDb ?? ctx.db, day.start, day.end);
  return { date: day.date, queues: QUEUES.map((q) => queueStats(q, legs)) };
}
