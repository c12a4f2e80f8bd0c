import {
  KPI_FORMULAS,
  type KpiCounts,
  type KpiFigures,
  type KpiGrouping,
  type KpiInterval,
  type KpiReport,
  type KpiRow,
  WrapUpCode,
} from '@cc1357/contracts';
import { bucketEnd, bucketLabel, bucketStart, spreadOver } from './kpiBuckets';
import { queueLegsOf, serviceLevel, type QueueEventFact } from './kpi';
import { coversFrom, staffingOf, type AgentStaffing, type AgentStateFact } from './staffedTime';

/**
 * Historical KPIs (issue 16): a period's call events → one row per interval × queue (or agent),
 * each figure with the id of the KPI_FORMULAS entry it was computed by. Pure.
 *
 * Each fact counts in the interval of its own moment: a queue stay (offered / answered /
 * abandoned, service level, ASA) when the caller entered the queue — as today's wallboard does —
 * and a handling (AHT, transfers) when the agent connected. Per agent, offered is the rings
 * (agent.offered) and answered the connects of queued calls; abandons belong to no agent. A call
 * placed from the desk counts as outbound (and outbound answered) when it was dialled (answered),
 * in the row of its counselor (per queue: the no-queue row '-'); its talk is handle time, but
 * its connect is not an answered call. Each handling whose wrap-up ended counts under its wrap-up
 * code (후처리 코드, the `wrapUp.ended` event's `data.code`; `none` when it had none).
 *
 * Per agent, with the agents' state changes (`staffing`), each row whose interval the agent's
 * state history covers carries staffed seconds and occupancy = busy ÷ staffed (occupancy.v2,
 * domain/staffedTime.ts); a row it does not cover keeps occ.v1 (busy ÷ interval length), and the
 * formula id says which. An agent staffed in an interval without any call has a row too.
 */

export interface ReportEventFact {
  /** The event's id: orders events of the same instant the same way on every run. */
  id?: string;
  callId: string;
  type: string;
  at: Date;
  queue: string | null;
  agentId: string | null;
  data: Record<string, unknown>;
}

export interface KpiReportOptions {
  /** The [start, end) the report covers; facts outside it are left out. */
  period: { start: Date; end: Date; from: string; to: string };
  interval: KpiInterval;
  by: KpiGrouping;
  serviceLevelSeconds: number;
  shortAbandonSeconds: number;
  /**
   * Per agent: the agents' state changes in the period plus each one's last change before it,
   * and the time of the report (staffed time stops there) — or what `staffingOf` makes of them.
   * Absent: occupancy is occ.v1.
   */
  staffing?: { changes: readonly AgentStateFact[]; now: Date } | { byAgent: ReadonlyMap<string, AgentStaffing> };
}

/** A connect-to-end stretch of one agent on one call. */
export interface Handling {
  agentId: string;
  queue: string | null;
  connectedAt: Date;
  waitSeconds: number | null;
  endedAt: Date | null;
  holdSeconds: number;
  wrapEndedAt: Date | null;
  /** The wrap-up code at the end of its wrap-up; `none` = ended without one (or an unknown one). */
  wrapUpCode: WrapUpCodeKey | null;
  transfers: number;
}

/** A row's wrap-up code breakdown key: a code, or `none`. */
export type WrapUpCodeKey = WrapUpCode | 'none';
type WrapUpCodeCounts = Partial<Record<WrapUpCodeKey, number>>;

function addCodes(a: WrapUpCodeCounts, b: WrapUpCodeCounts): WrapUpCodeCounts {
  const out = { ...a };
  for (const [k, n] of Object.entries(b) as Array<[WrapUpCodeKey, number]>) out[k] = (out[k] ?? 0) + n;
  return out;
}

const NO_KEY = '-';
const seconds = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function emptyCounts(): KpiCounts {
  return {
    offered: 0,
    answered: 0,
    abandoned: 0,
    shortAbandons: 0,
    answeredWithinThreshold: 0,
    answerWaitSeconds: 0,
    handled: 0,
    handleSeconds: 0,
    holdSeconds: 0,
    wrapUpSeconds: 0,
    busySeconds: 0,
    transfers: 0,
    callbacks: 0,
    fallback: 0,
    missed: 0,
    outbound: 0,
    outboundAnswered: 0,
  };
}

/** Folds one call's events (sorted) into its handlings, callbacks and transfers. */
function handlingsOf(events: readonly ReportEventFact[]): {
  handlings: Handling[];
  callbacks: ReportMoment[];
  strayTransfers: ReportMoment[];
} {
  const handlings: Handling[] = [];
  const callbacks: ReportMoment[] = [];
  const strayTransfers: ReportMoment[] = [];
  let queue: string | null = null;
  let enteredAt: Date | null = null;
  let open: Handling | null = null;
  let heldAt: Date | null = null;
  const close = (at: Date) => {
    if (!open) return;
    if (heldAt) open.holdSeconds += Math.max(0, seconds(heldAt, at));
    open.endedAt = at;
    open = null;
    heldAt = null;
  };
  for (const e of events) {
    switch (e.type) {
      case 'queue.entered':
        queue = e.queue ?? queue;
        enteredAt = e.at;
        break;
      case 'call.connected':
        close(e.at);
        if (!e.agentId) break;
        open = {
          agentId: e.agentId,
          queue: e.queue ?? queue,
          connectedAt: e.at,
          waitSeconds: enteredAt ? Math.max(0, seconds(enteredAt, e.at)) : null,
          endedAt: null,
          holdSeconds: 0,
          wrapEndedAt: null,
          wrapUpCode: null,
          transfers: 0,
        };
        handlings.push(open);
        break;
      case 'call.held':
        if (open) heldAt = e.at;
        break;
      case 'call.resumed':
        if (open && heldAt) open.holdSeconds += num(e.data.heldSeconds) ?? Math.max(0, seconds(heldAt, e.at));
        heldAt = null;
        break;
      case 'call.transferred': {
        const from = typeof e.data.from === 'string' ? e.data.from : e.agentId;
        if (open && (!from || from === open.agentId)) {
          open.transfers += 1;
          close(e.at);
        } else strayTransfers.push({ at: e.at, queue, agentId: from });
        break;
      }
      case 'call.ended':
        close(e.at);
        break;
      case 'wrapUp.ended': {
        // The agent's last finished handling of this call whose wrap-up is still open.
        const h = [...handlings].reverse().find((x) => x.agentId === e.agentId && x.endedAt && !x.wrapEndedAt);
        if (h && h.endedAt! <= e.at) {
          h.wrapEndedAt = e.at;
          const code = WrapUpCode.safeParse(e.data.code);
          h.wrapUpCode = code.success ? code.data : 'none';
        }
        break;
      }
      case 'callback.requested':
        if (e.data.duplicate !== true) callbacks.push({ at: e.at, queue: e.queue ?? queue, agentId: e.agentId });
        break;
    }
  }
  return { handlings, callbacks, strayTransfers };
}

/** A moment of a call with both keys a report may group it by. */
export interface ReportMoment {
  at: Date;
  queue: string | null;
  agentId: string | null;
}

/**
 * Everything the report counts of one call, whatever the grouping, interval, period or
 * thresholds: the call's fold (issue 17). Derived from all its events by `callReportFactsOf` —
 * at ingest into `call_report_facts` (services/callEvents.ts) and over raw events by
 * `buildKpiReport` — and counted by `foldKpiReport`. Times, not judgments: the service-level and
 * short-abandon thresholds are the report's parameters.
 */
export interface CallReportFacts {
  callId: string;
  /** Some event of the call carried the fallback mark. */
  fallback: boolean;
  /** The desk dial (`call.outbound.started`), if the call was placed from the desk. */
  outbound: ReportMoment | null;
  /** Its answer; `agentId` falls back to the dialling counselor's. Only with `outbound`. */
  outboundAnswered: ReportMoment | null;
  /** The queue stays (domain/kpi.ts queueLegsOf), in entry order. */
  legs: Array<{ queue: string; enteredAt: Date; connectedAt: Date | null; abandonedAt: Date | null }>;
  /** The rings of an agent (agent.offered) and the missed ones (agent.noAnswer), in event order. */
  rings: Array<{ at: Date; agentId: string; missed: boolean }>;
  handlings: Handling[];
  /** Transfers by an agent the call was not connected to at that moment. */
  strayTransfers: ReportMoment[];
  /** Callback requests (duplicates left out). */
  callbacks: ReportMoment[];
}

/** One call's report facts from its events, sorted by (at, id). Pure. */
export function callReportFactsOf(callId: string, callEvents: readonly ReportEventFact[]): CallReportFacts {
  const fallback = callEvents.some((e) => e.data.fallback === true);
  const { handlings, callbacks, strayTransfers } = handlingsOf(callEvents);
  const started = callEvents.find((e) => e.type === 'call.outbound.started');
  const moment = (e: ReportEventFact, agentId: string | null): ReportMoment => ({ at: e.at, queue: e.queue, agentId });
  let outbound: ReportMoment | null = null;
  let outboundAnswered: ReportMoment | null = null;
  if (started) {
    outbound = moment(started, started.agentId);
    const answered = callEvents.find((e) => e.type === 'call.outbound.answered');
    if (answered) outboundAnswered = moment(answered, answered.agentId ?? started.agentId);
  }
  const queueFacts = callEvents.filter(
    (e) => e.type === 'queue.entered' || e.type === 'call.connected' || e.type === 'call.abandoned',
  ) as unknown as QueueEventFact[];
  const legs = queueLegsOf(queueFacts).map((l) => ({
    queue: l.queue as string,
    enteredAt: l.enteredAt,
    connectedAt: l.connectedAt,
    abandonedAt: l.abandonedAt,
  }));
  const rings: CallReportFacts['rings'] = [];
  for (const e of callEvents) {
    if (!e.agentId) continue;
    if (e.type === 'agent.offered') rings.push({ at: e.at, agentId: e.agentId, missed: false });
    if (e.type === 'agent.noAnswer') rings.push({ at: e.at, agentId: e.agentId, missed: true });
  }
  return { callId, fallback, outbound, outboundAnswered, legs, rings, handlings, strayTransfers, callbacks };
}

/** The facts of a call the report does not count (no report event). */
export function noReportFacts(callId: string): CallReportFacts {
  return {
    callId,
    fallback: false,
    outbound: null,
    outboundAnswered: null,
    legs: [],
    rings: [],
    handlings: [],
    strayTransfers: [],
    callbacks: [],
  };
}

/** Events of any calls → each call's report facts (events grouped per call and sorted by (at, id)). */
export function reportFactsOfEvents(events: readonly ReportEventFact[]): CallReportFacts[] {
  const byCall = new Map<string, ReportEventFact[]>();
  for (const e of events) {
    const list = byCall.get(e.callId);
    if (list) list.push(e);
    else byCall.set(e.callId, [e]);
  }
  return [...byCall].map(([callId, callEvents]) => {
    callEvents.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id ?? '').localeCompare(b.id ?? ''));
    return callReportFactsOf(callId, callEvents);
  });
}

/**
 * The earliest and latest moment of a call's facts (a busy stretch runs to its wrap-up's end):
 * a report over [start, end) reads the calls whose span meets it. Null: nothing to count.
 */
export function reportFactsSpan(f: CallReportFacts): { first: Date; last: Date } | null {
  const times: Date[] = [];
  const add = (d: Date | null | undefined) => {
    if (d) times.push(d);
  };
  add(f.outbound?.at);
  add(f.outboundAnswered?.at);
  for (const l of f.legs) [l.enteredAt, l.connectedAt, l.abandonedAt].forEach(add);
  for (const r of f.rings) add(r.at);
  for (const h of f.handlings) [h.connectedAt, h.endedAt, h.wrapEndedAt].forEach(add);
  for (const m of [...f.strayTransfers, ...f.callbacks]) add(m.at);
  if (times.length === 0) return null;
  const ms = times.map((d) => d.getTime());
  return { first: new Date(Math.min(...ms)), last: new Date(Math.max(...ms)) };
}

/** One interval × key of a report before its figures: the counts and wrap-up codes counted in it. */
export interface KpiCell {
  start: Date;
  key: string;
  counts: KpiCounts;
  codes: WrapUpCodeCounts;
}

/** Accumulates counts per (interval start, key). */
class Buckets {
  readonly cells = new Map<string, KpiCell>();
  constructor(
    private readonly opts: KpiReportOptions,
    private readonly period: { start: Date; end: Date },
  ) {}
  inPeriod(at: Date): boolean {
    return at >= this.period.start && at < this.period.end;
  }
  add(at: Date, key: string | null, apply: (c: KpiCounts) => void): void {
    if (!this.inPeriod(at)) return;
    this.addAtStart(bucketStart(at, this.opts.interval), key, apply);
  }
  addAtStart(start: Date, key: string | null, apply: (c: KpiCounts) => void): void {
    apply(this.cell(start, key).counts);
  }
  /** One ended wrap-up under its code, in the interval of `at`. */
  addCode(at: Date, key: string | null, code: WrapUpCodeKey): void {
    if (!this.inPeriod(at)) return;
    const cell = this.cell(bucketStart(at, this.opts.interval), key);
    cell.codes[code] = (cell.codes[code] ?? 0) + 1;
  }
  /** A cell counted elsewhere (the stored totals): added to this one's. */
  merge(cell: KpiCell): void {
    const own = this.cell(cell.start, cell.key);
    own.counts = addCounts(own.counts, cell.counts);
    own.codes = addCodes(own.codes, cell.codes);
  }
  private cell(start: Date, key: string | null) {
    const k = key ?? NO_KEY;
    const id = `${start.getTime()}|${k}`;
    let cell = this.cells.get(id);
    if (!cell) this.cells.set(id, (cell = { start, key: k, counts: emptyCounts(), codes: {} }));
    return cell;
  }
}

/** The report over raw call events: each call's facts (callReportFactsOf), then `foldKpiReport`. */
export function buildKpiReport(events: readonly ReportEventFact[], opts: KpiReportOptions): KpiReport {
  return foldKpiReport(reportFactsOfEvents(events), opts);
}

/** The report from the calls' report facts (call_report_facts rows, or derived from raw events). */
export function foldKpiReport(calls: readonly CallReportFacts[], opts: KpiReportOptions): KpiReport {
  const T = opts.serviceLevelSeconds;
  const S = opts.shortAbandonSeconds;
  const buckets = new Buckets(opts, opts.period);

  for (const call of calls) {
    const fallback = call.fallback ? 1 : 0;
    const { handlings, callbacks, strayTransfers, outbound } = call;
    if (outbound) {
      const keyOf = (m: ReportMoment) => (opts.by === 'queue' ? m.queue : m.agentId);
      buckets.add(outbound.at, keyOf(outbound), (c) => (c.outbound += 1));
      const answered = call.outboundAnswered;
      if (answered) buckets.add(answered.at, keyOf(answered), (c) => (c.outboundAnswered += 1));
    }

    if (opts.by === 'queue') {
      for (const leg of call.legs) {
        buckets.add(leg.enteredAt, leg.queue, (c) => {
          c.offered += 1;
          c.fallback += fallback;
          if (leg.connectedAt) {
            const wait = seconds(leg.enteredAt, leg.connectedAt);
            c.answered += 1;
            c.answerWaitSeconds += wait;
            if (wait <= T) c.answeredWithinThreshold += 1;
          } else if (leg.abandonedAt) {
            c.abandoned += 1;
            if (seconds(leg.enteredAt, leg.abandonedAt) < S) c.shortAbandons += 1;
          }
        });
      }
    } else {
      for (const r of call.rings) {
        if (r.missed) buckets.add(r.at, r.agentId, (c) => (c.missed += 1));
        else buckets.add(r.at, r.agentId, (c) => (c.offered += 1));
      }
    }

    for (const h of handlings) {
      const key = opts.by === 'queue' ? h.queue : h.agentId;
      const talk = h.endedAt ? Math.max(0, seconds(h.connectedAt, h.endedAt)) : 0;
      const wrap = h.endedAt && h.wrapEndedAt ? seconds(h.endedAt, h.wrapEndedAt) : 0;
      buckets.add(h.connectedAt, key, (c) => {
        c.transfers += h.transfers;
        if (opts.by === 'agent') {
          if (!outbound) c.answered += 1;
          c.fallback += fallback;
          if (h.waitSeconds !== null) {
            c.answerWaitSeconds += h.waitSeconds;
            if (h.waitSeconds <= T) c.answeredWithinThreshold += 1;
          }
        }
        if (!h.endedAt) return; // still on the call: no handle time yet
        c.handled += 1;
        c.handleSeconds += talk + wrap;
        c.holdSeconds += h.holdSeconds;
        c.wrapUpSeconds += wrap;
      });
      if (h.wrapUpCode) buckets.addCode(h.connectedAt, key, h.wrapUpCode);
      if (opts.by === 'agent' && h.endedAt) {
        // Occupancy: the busy stretch spread over the intervals it crosses, clipped to the period.
        const busyTo = h.wrapEndedAt ?? h.endedAt;
        const from = new Date(Math.max(h.connectedAt.getTime(), opts.period.start.getTime()));
        const to = new Date(Math.min(busyTo.getTime(), opts.period.end.getTime()));
        for (const [start, secs] of spreadOver(from, to, opts.interval)) {
          buckets.addAtStart(start, key, (c) => (c.busySeconds += secs));
        }
      }
    }
    for (const t of strayTransfers) {
      buckets.add(t.at, opts.by === 'queue' ? t.queue : t.agentId, (c) => (c.transfers += 1));
    }
    for (const cb of callbacks) {
      buckets.add(cb.at, opts.by === 'queue' ? cb.queue : cb.agentId, (c) => (c.callbacks += 1));
    }
  }

  return kpiReportOfCells(buckets.cells.values(), opts);
}

/**
 * The report from its cells (interval start × key, counted by `foldKpiReport` or summed from the
 * stored totals, domain/kpiContributions.ts): per agent with staffed time added, then the rows,
 * the per-key totals, the per-interval rows and the total, each figure with its formula.
 */
export function kpiReportOfCells(cells: Iterable<KpiCell>, opts: KpiReportOptions): KpiReport {
  const T = opts.serviceLevelSeconds;
  const S = opts.shortAbandonSeconds;
  const buckets = new Buckets(opts, opts.period);
  for (const cell of cells) buckets.merge(cell);
  // The changes folded here, or `staffingOf`'s answer computed elsewhere (in SQL, repositories/agentStateChanges.ts).
  const staffing: ReadonlyMap<string, AgentStaffing> =
    opts.by === 'agent' && opts.staffing
      ? 'byAgent' in opts.staffing
        ? opts.staffing.byAgent
        : staffingOf(opts.staffing.changes, opts.period, opts.staffing.now)
      : new Map<string, AgentStaffing>();
  for (const s of staffing.values()) {
    for (const [from, to] of s.stretches) {
      for (const [start, secs] of spreadOver(from, to, opts.interval)) {
        buckets.addAtStart(start, s.agentId, (c) => (c.staffedSeconds = (c.staffedSeconds ?? 0) + secs));
      }
    }
  }
  /** Counts with staffed seconds where the agent's state history covers [from, …), without elsewhere. */
  const withStaffed = (counts: KpiCounts, key: string, from: Date): KpiCounts => {
    const { staffedSeconds, ...rest } = counts;
    const start = new Date(Math.max(from.getTime(), opts.period.start.getTime()));
    return coversFrom(staffing.get(key), start) ? { ...rest, staffedSeconds: staffedSeconds ?? 0 } : rest;
  };

  const rows = [...buckets.cells.values()]
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.key.localeCompare(b.key))
    .map((cell) => {
      const end = bucketEnd(cell.start, opts.interval);
      return rowOf(
        cell.start,
        end,
        bucketLabel(cell.start, opts.interval),
        cell.key,
        withStaffed(cell.counts, cell.key, cell.start),
        opts,
        true,
        cell.codes,
      );
    });

  const periodLabel = `${opts.period.from} ~ ${opts.period.to}`;
  const byKey = new Map<string, { counts: KpiCounts; codes: WrapUpCodeCounts }>();
  // A key's staffed seconds over its rows (those without any count none), in one pass.
  const staffedByKey = new Map<string, number>();
  for (const r of rows) {
    staffedByKey.set(r.key, (staffedByKey.get(r.key) ?? 0) + (r.counts.staffedSeconds ?? 0));
    const sum = byKey.get(r.key) ?? { counts: emptyCounts(), codes: {} };
    byKey.set(r.key, { counts: addCounts(sum.counts, r.counts), codes: addCodes(sum.codes, r.wrapUpCodes ?? {}) });
  }
  const totals = [...byKey.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, sum]) =>
      rowOf(
        opts.period.start,
        opts.period.end,
        periodLabel,
        key,
        withStaffed({ ...sum.counts, staffedSeconds: staffedByKey.get(key) ?? 0 }, key, opts.period.start),
        opts,
        true,
        sum.codes,
      ),
    );
  const perInterval = new Map<string, { start: Date; label: string; counts: KpiCounts; codes: WrapUpCodeCounts }>();
  for (const r of rows) {
    const cell = perInterval.get(r.start) ?? {
      start: new Date(r.start),
      label: r.label,
      counts: emptyCounts(),
      codes: {},
    };
    cell.counts = addCounts(cell.counts, r.counts);
    cell.codes = addCodes(cell.codes, r.wrapUpCodes ?? {});
    perInterval.set(r.start, cell);
  }
  // Occupancy is per agent: summed over agents it is no longer a share of the interval.
  const byInterval = [...perInterval.values()].map((c) =>
    rowOf(c.start, bucketEnd(c.start, opts.interval), c.label, '*', c.counts, opts, false, c.codes),
  );
  const all = rows.reduce((acc, r) => addCounts(acc, r.counts), emptyCounts());
  const allCodes = rows.reduce<WrapUpCodeCounts>((acc, r) => addCodes(acc, r.wrapUpCodes ?? {}), {});
  const total = rowOf(opts.period.start, opts.period.end, periodLabel, '*', all, opts, false, allCodes);
  // The '*' rows have no occupancy value; their formula names the column's (the console's header
  // and the exports' formula sheet read it): occupancy.v2 once any row was computed by it. Each
  // row's own id says which formula its value came from.
  if (rows.some((r) => r.figures.occupancy.formula === KPI_FORMULAS.occupancyStaffed.id)) {
    for (const r of [total, ...byInterval])
      r.figures.occupancy = { value: null, formula: KPI_FORMULAS.occupancyStaffed.id };
  }
  return {
    from: opts.period.from,
    to: opts.period.to,
    interval: opts.interval,
    by: opts.by,
    serviceLevelSeconds: T,
    shortAbandonSeconds: S,
    names: {},
    rows,
    byInterval,
    totals,
    // Occupancy has no meaning summed over agents: the total row leaves it null.
    total,
  };
}

/**
 * The sum of two rows' counts. Staffed seconds are kept only when both have them (a sum over
 * rows some of which lack them is not a staffed time); `emptyCounts()` has none.
 */
export function addCounts(a: KpiCounts, b: KpiCounts): KpiCounts {
  const { staffedSeconds: sa, ...out } = { ...a };
  for (const k of Object.keys(out) as Array<keyof typeof out>) out[k] = a[k] + b[k];
  return sa !== undefined && b.staffedSeconds !== undefined ? { ...out, staffedSeconds: sa + b.staffedSeconds } : out;
}

const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);
const avg = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10) / 10 : null);

/** Every figure of a row from its counts, each with its formula id. */
export function figuresOf(c: KpiCounts, by: KpiGrouping, intervalSeconds: number): KpiFigures {
  const F = KPI_FORMULAS;
  const sl =
    by === 'queue'
      ? {
          value: roundRatio(serviceLevel(c.answeredWithinThreshold, c.answered, c.abandoned, c.shortAbandons)),
          formula: F.serviceLevel.id,
        }
      : { value: ratio(c.answeredWithinThreshold, c.answered), formula: F.serviceLevelAgent.id };
  return {
    offered: { value: c.offered, formula: F.offered.id },
    answered: { value: c.answered, formula: F.answered.id },
    abandoned: { value: c.abandoned, formula: F.abandoned.id },
    shortAbandons: { value: c.shortAbandons, formula: F.shortAbandons.id },
    serviceLevel: sl,
    asaSeconds: { value: avg(c.answerWaitSeconds, c.answered), formula: F.asa.id },
    ahtSeconds: { value: avg(c.handleSeconds, c.handled), formula: F.aht.id },
    abandonRate: {
      value: by === 'queue' ? ratio(c.abandoned - c.shortAbandons, c.offered - c.shortAbandons) : null,
      formula: F.abandonRate.id,
    },
    occupancy:
      by === 'agent' && c.staffedSeconds !== undefined
        ? { value: ratio(c.busySeconds, c.staffedSeconds), formula: F.occupancyStaffed.id }
        : { value: by === 'agent' ? ratio(c.busySeconds, intervalSeconds) : null, formula: F.occupancy.id },
    transfers: { value: c.transfers, formula: F.transfers.id },
    callbacks: { value: c.callbacks, formula: F.callbacks.id },
    fallback: { value: c.fallback, formula: F.fallback.id },
    outbound: { value: c.outbound, formula: F.outbound.id },
    outboundAnswered: { value: c.outboundAnswered, formula: F.outboundAnswered.id },
  };
}

function roundRatio(v: number | null): number | null {
  return v === null ? null : Math.round(v * 10_000) / 10_000;
}

function rowOf(
  start: Date,
  end: Date,
  label: string,
  key: string,
  counts: KpiCounts,
  opts: Pick<KpiReportOptions, 'by'>,
  occupancy = true,
  wrapUpCodes: WrapUpCodeCounts = {},
): KpiRow {
  const figures = figuresOf(counts, opts.by, seconds(start, end));
  if (!occupancy) figures.occupancy = { ...figures.occupancy, value: null };
  return {
    start: start.toISOString(),
    end: end.toISOString(),
    label,
    key,
    counts,
    figures,
    wrapUpCodes,
  };
}
