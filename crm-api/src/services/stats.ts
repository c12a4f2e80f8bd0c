import { QUEUES, type DayStats } from '@cc1357/contracts';
import { dayQueueStats } from '../domain/kpi';
import { seoulDayOf } from '../domain/seoulDay';
import { queueFactsOfCallsQueuedBetween } from '../repositories/callEvents';
import type { ServiceContext } from './context';

/** Today's per-queue KPIs (Asia/Seoul day), every queue listed, zeros included. */
export async function todayStats(ctx: ServiceContext): Promise<DayStats> {
  const day = seoulDayOf(ctx.now());
  const facts = await queueFactsOfCallsQueuedBetween(ctx.reportsDb ?? ctx.db, day.start, day.end);
  return { date: day.date, queues: dayQueueStats(QUEUES, facts, day) };
}
