import { z } from 'zod';
import { calendarDay } from '../vocabulary/time';
import { WRAP_UP_CODES } from '../vocabulary/wrapUp';

/**
 * Historical KPI reports (issue 16). The industry does not agree on formulas (DOMAIN.md), so each
 * measure is a named, versioned formula defined here once: crm-api sends the id with every
 * figure, the console shows the text of that id, and a changed formula gets a new id rather
 * than silently changing what an old export meant.
 */

export interface KpiFormula {
  /** Stable id carried with each figure (`<measure>.v<n>`). */
  id: string;
  ko: string;
  en: string;
  /** The formula itself, over the counts of the row. */
  expression: string;
}

export const KPI_FORMULAS = {
  offered: {
    id: 'offered.v1',
    ko: '인입: 구간 안에 큐에 들어온 통화 (상담원별: 상담원에게 울린 횟수)',
    en: 'Offered: calls that entered the queue in the interval (per agent: rings offered to the agent)',
    expression: 'count(queue.entered) | per agent: count(agent.offered)',
  },
  answered: {
    id: 'answered.v1',
    ko: '응답: 큐에서 상담원과 연결된 통화',
    en: 'Answered: queued calls connected to an agent',
    expression: 'count(call.connected)',
  },
  abandoned: {
    id: 'abandoned.v1',
    ko: '포기: 큐에서 기다리다 끊은 통화 (짧은 포기 포함)',
    en: 'Abandoned: callers who hung up while queued (short abandons included)',
    expression: 'count(call.abandoned)',
  },
  shortAbandons: {
    id: 'shortAbandon.v1',
    ko: '짧은 포기: 기준 초(S) 미만 기다리고 끊은 통화',
    en: 'Short abandons: abandoned after waiting less than S seconds',
    expression: 'count(call.abandoned with wait < S)',
  },
  serviceLevel: {
    id: 'sl.v1',
    ko: '서비스 수준: T초 안에 응답 ÷ (응답 + 포기 − 짧은 포기)',
    en: 'Service level: answered within T s ÷ (answered + abandoned − short abandons)',
    expression: 'answered(wait ≤ T) ÷ (answered + abandoned − shortAbandons)',
  },
  serviceLevelAgent: {
    id: 'sl.agent.v1',
    ko: '상담원 서비스 수준: T초 안에 응답 ÷ 응답 (포기 통화는 상담원에게 속하지 않음)',
    en: 'Agent service level: answered within T s ÷ answered (abandons belong to no agent)',
    expression: 'answered(wait ≤ T) ÷ answered',
  },
  asa: {
    id: 'asa.v1',
    ko: '평균 응답 속도(ASA): 응답 통화의 큐 대기 시간 합 ÷ 응답',
    en: 'ASA: total queue wait of answered calls ÷ answered',
    expression: 'Σ(connected − queue.entered) ÷ answered',
  },
  aht: {
    id: 'aht.v1',
    ko: '평균 처리 시간(AHT): (통화 + 보류 + 후처리) 합 ÷ 처리 통화',
    en: 'AHT: total (talk + hold + wrap-up) ÷ handled calls',
    expression: 'Σ((ended or transferred − connected) + (wrapUp.ended − ended)) ÷ handled',
  },
  abandonRate: {
    id: 'abandonRate.v1',
    ko: '포기율: (포기 − 짧은 포기) ÷ (인입 − 짧은 포기)',
    en: 'Abandon rate: (abandoned − short abandons) ÷ (offered − short abandons)',
    expression: '(abandoned − shortAbandons) ÷ (offered − shortAbandons)',
  },
  occupancy: {
    id: 'occ.v1',
    ko: '점유율: 구간 안에서 통화·보류·후처리에 쓴 시간 ÷ 구간 길이 (상담원별; 그 구간의 상태 기록이 없을 때 근무 시간 대신 구간 길이를 씀)',
    en: 'Occupancy: time spent on talk, hold and wrap-up inside the interval ÷ interval length (per agent; where no state history covers the interval, the interval stands in for staffed time)',
    expression: 'Σ busy seconds within interval ÷ interval seconds (agents only)',
  },
  occupancyStaffed: {
    id: 'occupancy.v2',
    ko: '점유율: 구간 안에서 통화·보류·후처리에 쓴 시간 ÷ 근무 시간 (상담원별; 근무 시간 = 로그아웃 외의 상태로 있던 시간, 연결 끊김 대기 제외). 상태 기록이 구간을 다 덮지 못하면 occ.v1로 계산',
    en: 'Occupancy: time spent on talk, hold and wrap-up inside the interval ÷ staffed time (per agent; staffed = time in any state but offline, not ready for a lost console excluded). Where the state history does not cover the interval, occ.v1 is used',
    expression: 'Σ busy seconds within interval ÷ Σ staffed seconds within interval (agents only)',
  },
  transfers: {
    id: 'transfers.v1',
    ko: '이관: 상담원이 연결된 통화를 다른 큐·상담원에게 넘긴 횟수',
    en: 'Transfers: connected calls a counselor handed to another queue or counselor',
    expression: 'count(call.transferred)',
  },
  callbacks: {
    id: 'callbacks.v1',
    ko: '회신 예약: 통화 중 접수된 회신 요청 (중복 요청 제외)',
    en: 'Callbacks: callback requests taken on the call (duplicates excluded)',
    expression: 'count(callback.requested without data.duplicate)',
  },
  fallback: {
    id: 'fallback.v1',
    ko: '비상 모드 처리: 전화 제어 서비스가 멈춘 동안 교환기 비상 큐가 받은 통화',
    en: 'Fallback: calls the PBX fallback queue took while call control was down',
    expression: 'count(queue.entered with data.fallback)',
  },
  outbound: {
    id: 'outbound.v1',
    ko: '발신: 상담원이 상담석에서 건 전화 (회신 전화 포함, 발신 번호 1357)',
    en: 'Outbound: calls a counselor placed from the desk (callbacks included, caller ID 1357)',
    expression: 'count(call.outbound.started)',
  },
  outboundAnswered: {
    id: 'outboundAnswered.v1',
    ko: '발신 연결: 고객이 받은 발신 전화 (인입 응답에는 세지 않음)',
    en: 'Outbound answered: outbound calls the customer picked up (not counted as answered)',
    expression: 'count(call.outbound.answered)',
  },
  fcr: {
    id: 'fcr.v1',
    ko: '첫 상담 해결률(FCR): 같은 기업이 같은 분야로 W일 안에 다시 상담하지 않은 상담 ÷ 상담 (기업을 알 수 없으면 발신 번호로 봄)',
    en: 'First-contact resolution: consultations the same company did not follow with another about the same category within W days ÷ consultations (the caller number stands in for an unknown company)',
    expression: 'count(no next consultation of (company, category) within W days) ÷ count(consultations)',
  },
} as const satisfies Record<string, KpiFormula>;

export type KpiMeasure = keyof typeof KPI_FORMULAS;
export type KpiFormulaId = (typeof KPI_FORMULAS)[KpiMeasure]['id'];
export const KPI_FORMULA_IDS = Object.values(KPI_FORMULAS).map((f) => f.id) as KpiFormulaId[];

/** The formula with that id, or null (an export from a newer crm-api may name one we lack). */
export function kpiFormulaById(id: string): KpiFormula | null {
  return Object.values(KPI_FORMULAS).find((f) => f.id === id) ?? null;
}

export const KPI_INTERVALS = ['15m', '30m', '60m', 'day', 'month'] as const;
export const KpiInterval = z.enum(KPI_INTERVALS);
export type KpiInterval = z.infer<typeof KpiInterval>;

export const KPI_GROUPINGS = ['queue', 'agent'] as const;
export const KpiGrouping = z.enum(KPI_GROUPINGS);
export type KpiGrouping = z.infer<typeof KpiGrouping>;

/** The longest period one report may cover, in days: a month of 15-minute rows is ~21,000 per key already. */
export const KPI_MAX_DAYS: Record<KpiInterval, number> = { '15m': 31, '30m': 31, '60m': 62, day: 366, month: 731 };

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** GET /api/reports/kpi — `from` and `to` are Asia/Seoul days, both included. */
export const KpiReportQuery = z
  .object({
    from: calendarDay('시작일은 YYYY-MM-DD 형식입니다'),
    to: calendarDay('종료일은 YYYY-MM-DD 형식입니다'),
    interval: KpiInterval.default('60m'),
    by: KpiGrouping.default('queue'),
    /** Service-level threshold T in seconds. */
    serviceLevelSeconds: z.coerce.number().int().min(1).max(600).default(20),
    /** Abandons after fewer seconds than this are short abandons. */
    shortAbandonSeconds: z.coerce.number().int().min(0).max(120).default(5),
  })
  .superRefine((q, ctx) => {
    const days = dayNumber(q.to) - dayNumber(q.from) + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: '종료일이 시작일보다 앞섭니다' });
    else if (days > KPI_MAX_DAYS[q.interval])
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `${q.interval} 구간 보고서는 최대 ${KPI_MAX_DAYS[q.interval]}일까지 조회할 수 있습니다`,
      });
  });
export type KpiReportQuery = z.infer<typeof KpiReportQuery>;

/** One figure and the formula it was computed with; null = nothing to compute from (not 0). */
export const KpiFigure = z.object({ value: z.number().nullable(), formula: z.string() });
export type KpiFigure = z.infer<typeof KpiFigure>;

/** The raw counts a row's figures come from (so totals and exports can be recomputed exactly). */
export const KpiCounts = z.object({
  offered: z.number().int(),
  answered: z.number().int(),
  abandoned: z.number().int(),
  shortAbandons: z.number().int(),
  answeredWithinThreshold: z.number().int(),
  /** Σ queue wait of answered calls, seconds. */
  answerWaitSeconds: z.number(),
  /** Handlings (connect → end or transfer) that ended. */
  handled: z.number().int(),
  /** Σ talk + hold + wrap-up of the handled calls, seconds. */
  handleSeconds: z.number(),
  holdSeconds: z.number(),
  wrapUpSeconds: z.number(),
  /** Seconds of talk, hold and wrap-up that fall inside the row's interval (occupancy's numerator). */
  busySeconds: z.number(),
  /**
   * Seconds the agent was staffed (any state but offline, and not the `disconnected` Not ready)
   * inside the row's interval, from the agent state changes (occupancy.v2's denominator). Absent
   * when the state history does not cover the row (then occupancy is occ.v1) and on queue rows.
   */
  staffedSeconds: z.number().optional(),
  transfers: z.number().int(),
  callbacks: z.number().int(),
  fallback: z.number().int(),
  /** Rings the agent let go unanswered (agent rows; 0 for queues). */
  missed: z.number().int(),
  /** Calls placed from the desk, and those the customer answered (issue 12 §4). */
  outbound: z.number().int(),
  outboundAnswered: z.number().int(),
});
export type KpiCounts = z.infer<typeof KpiCounts>;

export const KpiFigures = z.object({
  offered: KpiFigure,
  answered: KpiFigure,
  abandoned: KpiFigure,
  shortAbandons: KpiFigure,
  serviceLevel: KpiFigure,
  asaSeconds: KpiFigure,
  ahtSeconds: KpiFigure,
  abandonRate: KpiFigure,
  occupancy: KpiFigure,
  transfers: KpiFigure,
  callbacks: KpiFigure,
  fallback: KpiFigure,
  outbound: KpiFigure,
  outboundAnswered: KpiFigure,
});
export type KpiFigures = z.infer<typeof KpiFigures>;
export type KpiFigureName = keyof KpiFigures;

export const KpiRow = z.object({
  /** Interval start and end (end excluded) as instants, and the start as Seoul wall time. */
  start: z.string(),
  end: z.string(),
  label: z.string(),
  /** Queue id or agent id; '-' for facts with no queue (a callback asked for in the IVR). */
  key: z.string(),
  counts: KpiCounts,
  figures: KpiFigures,
  /**
   * Handlings whose wrap-up ended, by the counselor's wrap-up code (contracts WRAP_UP_CODES), counted
   * with the handling (its connect); `none` = wrap-up ended with no code. Only codes seen are listed
   * (absent from older crm-api).
   */
  wrapUpCodes: z.partialRecord(z.enum([...WRAP_UP_CODES, 'none']), z.number().int().nonnegative()).optional(),
});
export type KpiRow = z.infer<typeof KpiRow>;

export const KpiReport = z.object({
  from: z.string(),
  to: z.string(),
  interval: KpiInterval,
  by: KpiGrouping,
  serviceLevelSeconds: z.number().int(),
  shortAbandonSeconds: z.number().int(),
  /** Counselors' display names by agent id (by=agent; a former counselor's too); {} per queue. */
  names: z.record(z.string(), z.string()),
  /** Rows with any activity, by interval then key. */
  rows: z.array(KpiRow),
  /** One row per interval over every key (key '*'): the chart's series. */
  byInterval: z.array(KpiRow),
  /** One row per key over the whole period (start/end = the period). */
  totals: z.array(KpiRow),
  /** Everything over the whole period (key '*'). */
  total: KpiRow,
});
export type KpiReport = z.infer<typeof KpiReport>;
