import type { RelayDayStats } from '@cc1357/contracts';
import { relayDayStats } from '../repositories/relayStats';
import type { ServiceContext } from './context';

/** A day's (or a period's) relay rate, on the reports pool when there is one (bounded statements; pops keep their connections). */
export function relayStats(ctx: ServiceContext, date: string, to?: string): Promise<RelayDayStats> {
  return relayDayStats(ctx.reportsDb ?? ctx.db, date, to);
}
