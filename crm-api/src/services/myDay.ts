import {
  KPI_FORMULAS,
  MY_DAY_MAX_CALLS,
  MY_DAY_MAX_DAYS_BACK,
  type KpiCounts,
  type MyCallOutcome,
  type MyDay,
  type MyDayCall,
  type MyDayQuery,
} from '@cc1357/contracts';
import { AppError } from '../errors';
import { addCounts, buildKpiReport, emptyCounts, figuresOf, type ReportEventFact } from '../domain/kpiReport';
import { maskPhone } from '../domain/masking';
import { seoulDate, seoulDay, type DayWindow } from '../domain/seoulDay';
import {
  AGENT_CALL_EVENT_TYPES,
  agentCallIdsBetween,
  agentIdOfUser,
  consultationsSavedBetween,
  myCallRows,
  reportFactsOfCalls,
  type MyCallRow,
} from '../repositories/myDay';
import type { Actor, ServiceContext } from './context';

/**
 * The signed-in user's own day (issue 16). Who is asking comes from the token only (its user id
 * → the user's agent id today): there is no parameter naming another counselor. The figures are
 * the per-agent KPI report's (domain/kpiReport, formula ids from KPI_FORMULAS) over that
 * agent's calls, each call folded alone so the list and the totals are the same counts.
 */

const DAY_SECONDS = 24 * 60 * 60;
/** The report's thresholds do not change any figure shown here; the report's defaults. */
const REPORT_THRESHOLDS = { serviceLevelSeconds: 20, shortAbandonSeconds: 5 } as const;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
const dateField = (message: string) => new AppError('BAD_REQUEST', '입력값을 확인하세요', [{ path: 'date', message }]);

/** The day asked for, or a 400 naming `date`: not after today, not more than MY_DAY_MAX_DAYS_BACK before it. */
export function myDayWindow(date: string | undefined, now: Date): DayWindow {
  const today = seoulDate(now);
  const day = date ?? today;
  const back = dayNumber(today) - dayNumber(day);
  if (back < 0) throw dateField('오늘 이후의 날짜는 조회할 수 없습니다');
  if (back > MY_DAY_MAX_DAYS_BACK) throw dateField(`최근 ${MY_DAY_MAX_DAYS_BACK}일 안의 날짜만 조회할 수 있습니다`);
  return seoulDay(day);
}

export async function myDay(ctx: ServiceContext, actor: Actor, query: MyDayQuery): Promise<MyDay> {
  const window = myDayWindow(query.date, ctx.now());
  const db = ctx.reportsDb ?? ctx.db;
  // Tokens of real users carry their users.id; anything else (a test token, a service) has no row.
  const userId = /^\d{1,18}$/.test(actor.sub) ? actor.sub : null;
  const agentId = userId ? await agentIdOfUser(ctx.db, userId) : null;
  const consultations = userId ? await consultationsSavedBetween(db, userId, window.start, window.end) : 0;
  const callIds = agentId ? await agentCallIdsBetween(db, agentId, window.start, window.end) : [];
  const facts = await reportFactsOfCalls(db, callIds);

  const byCall = new Map<string, ReportEventFact[]>();
  for (const f of facts) {
    const list = byCall.get(f.callId);
    if (list) list.push(f);
    else byCall.set(f.callId, [f]);
  }
  let total = emptyCounts();
  const calls: Array<
    Omit<MyDayCall, 'callerNumber' | 'companyId' | 'companyName' | 'consultationId' | 'recordingName'>
  > = [];
  for (const [callId, events] of byCall) {
    const counts = agentCountsOf(events, agentId!, window);
    total = addCounts(total, counts);
    const at = firstTouchOf(events, agentId!, window);
    if (!at) continue; // only events outside the day (cannot happen: the call was chosen by one inside it)
    calls.push({
      callId,
      at: at.toISOString(),
      direction: events.some((e) => e.type === 'call.outbound.started') ? 'outbound' : 'inbound',
      queue: null,
      talkSeconds: Math.round(counts.handleSeconds - counts.wrapUpSeconds),
      handleSeconds: Math.round(counts.handleSeconds),
      outcome: 'inProgress',
      missedRings: counts.missed,
    });
  }
  calls.sort((a, b) => b.at.localeCompare(a.at) || b.callId.localeCompare(a.callId));
  const shown = calls.slice(0, MY_DAY_MAX_CALLS);
  const rows = new Map(
    (userId
      ? await myCallRows(
          db,
          shown.map((c) => c.callId),
          userId,
        )
      : []
    ).map((r) => [r.callId, r]),
  );

  const F = KPI_FORMULAS;
  const kpi = figuresOf(total, 'agent', DAY_SECONDS);
  return {
    date: window.date,
    agentId,
    figures: {
      answered: kpi.answered,
      outbound: kpi.outbound,
      outboundAnswered: kpi.outboundAnswered,
      offered: kpi.offered,
      missed: { value: total.missed, formula: 'count(agent.noAnswer)' },
      handled: { value: total.handled, formula: F.aht.id },
      handleSeconds: { value: Math.round(total.handleSeconds), formula: F.aht.id },
      ahtSeconds: kpi.ahtSeconds,
      transfers: kpi.transfers,
      consultations: { value: consultations, formula: 'count(consultations)' },
    },
    calls: shown.map((c) => {
      const row = rows.get(c.callId) ?? null;
      return {
        ...c,
        queue: row?.queue ?? firstQueueOf(byCall.get(c.callId)!),
        callerNumber: row?.callerNumber ? maskPhone(row.callerNumber) : null,
        companyId: row?.companyId ?? null,
        companyName: row?.companyName ?? null,
        consultationId: row?.consultationId ?? null,
        recordingName: row?.recordingName ?? null,
        outcome: outcomeOf(byCall.get(c.callId)!, agentId!, c.direction, row),
      };
    }),
    truncated: calls.length > shown.length,
  };
}

/** One call's counts in the agent's row of the per-agent KPI report over the day. */
function agentCountsOf(events: readonly ReportEventFact[], agentId: string, window: DayWindow): KpiCounts {
  const report = buildKpiReport(events, {
    period: { start: window.start, end: window.end, from: window.date, to: window.date },
    interval: 'day',
    by: 'agent',
    ...REPORT_THRESHOLDS,
  });
  return report.totals.find((r) => r.key === agentId)?.counts ?? emptyCounts();
}

function firstTouchOf(events: readonly ReportEventFact[], agentId: string, window: DayWindow): Date | null {
  const mine = events
    .filter(
      (e) =>
        e.agentId === agentId &&
        (AGENT_CALL_EVENT_TYPES as readonly string[]).includes(e.type) &&
        e.at >= window.start &&
        e.at < window.end,
    )
    .map((e) => e.at.getTime());
  return mine.length === 0 ? null : new Date(Math.min(...mine));
}

function firstQueueOf(events: readonly ReportEventFact[]): string | null {
  return [...events].sort((a, b) => a.at.getTime() - b.at.getTime()).find((e) => e.queue)?.queue ?? null;
}

/** The call from the agent's side (see MyCallOutcome). */
function outcomeOf(
  events: readonly ReportEventFact[],
  agentId: string,
  direction: 'inbound' | 'outbound',
  row: MyCallRow | null,
): MyCallOutcome {
  const has = (type: string, mine = true) => events.some((e) => e.type === type && (!mine || e.agentId === agentId));
  const over = has('call.ended', false) || has('call.abandoned', false) || row?.endedAt != null;
  if (direction === 'outbound') {
    if (has('call.outbound.answered', false)) return over ? 'outboundAnswered' : 'inProgress';
    return over ? 'outboundNotAnswered' : 'inProgress';
  }
  if (has('call.connected')) {
    const transferred = events.some(
      (e) => e.type === 'call.transferred' && (e.data.from === agentId || (!e.data.from && e.agentId === agentId)),
    );
    if (transferred) return 'transferred';
    return over ? 'answered' : 'inProgress';
  }
  if (has('agent.noAnswer')) return 'missed';
  return over ? 'callerLeft' : 'inProgress';
}
