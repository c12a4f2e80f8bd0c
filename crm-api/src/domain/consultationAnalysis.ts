import {
  AGENCIES,
  AGENCY_OF_QUEUE,
  CATEGORY_CODES,
  KOREAN_REGIONS,
  KPI_FORMULAS,
  KSIC_SECTIONS,
  QUEUE_IDS,
  SIZE_CLASSES,
  type AnalysisDimension,
  type ConsultationPivot,
  type FcrRow,
  type QueueId,
} from '@cc1357/contracts';

/**
 * What callers ask about (issue 16), pure: the pivot's shape and order from grouped counts, and
 * first-contact resolution (KPI_FORMULAS.fcr, `fcr.v1`). PostgreSQL does the counting
 * (repositories/consultationAnalysis.ts); `repeatsOf` is the same rule over plain facts, the
 * reference the SQL is tested against.
 */

/** A key that is not known: no company, no queued call, no sub-category. */
export const UNKNOWN_KEY = '-';

export interface PivotCell {
  row: string;
  col: string;
  count: number;
}

/** The order keys read in: the vocabulary's own order where there is one, months ascending, unknown last. */
const VOCABULARY_ORDER: Partial<Record<AnalysisDimension, readonly string[]>> = {
  agency: Object.keys(AGENCIES),
  queue: QUEUE_IDS,
  category: CATEGORY_CODES,
  region: KOREAN_REGIONS,
  size: SIZE_CLASSES,
  industry: Object.keys(KSIC_SECTIONS),
};

export function orderKeys(dimension: AnalysisDimension, keys: Iterable<string>): string[] {
  const order = VOCABULARY_ORDER[dimension];
  const rank = (k: string) => {
    if (k === UNKNOWN_KEY) return Number.MAX_SAFE_INTEGER;
    const i = order ? order.indexOf(k) : -1;
    return i === -1 ? Number.MAX_SAFE_INTEGER - 1 : i;
  };
  return [...new Set(keys)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The agency of a queue key. The database groups by queue; agencies are folded from queues
 * here, so the queue → agency table lives once, in contracts.
 */
export function agencyOfQueue(queue: string): string {
  return (AGENCY_OF_QUEUE as Record<string, string>)[queue as QueueId] ?? UNKNOWN_KEY;
}

/** The dimension the database groups by for a requested one (agency is read as queue, then folded). */
export const storedDimension = (d: AnalysisDimension): Exclude<AnalysisDimension, 'agency'> =>
  d === 'agency' ? 'queue' : d;

/** Grouped counts (keys as stored) → the pivot with totals; agency keys folded from queues. */
export function pivotOf(
  cells: readonly PivotCell[],
  q: { from: string; to: string; rows: AnalysisDimension; cols: AnalysisDimension },
): ConsultationPivot {
  const fold = (d: AnalysisDimension, k: string) => (d === 'agency' ? agencyOfQueue(k) : k);
  const folded = new Map<string, number>();
  for (const c of cells) {
    const key = JSON.stringify([fold(q.rows, c.row), fold(q.cols, c.col)]);
    folded.set(key, (folded.get(key) ?? 0) + c.count);
  }
  const pairs = [...folded].map(([k, n]) => [...(JSON.parse(k) as [string, string]), n] as const);
  const rowKeys = orderKeys(
    q.rows,
    pairs.map((p) => p[0]),
  );
  const colKeys = orderKeys(
    q.cols,
    pairs.map((p) => p[1]),
  );
  const counts = rowKeys.map(() => colKeys.map(() => 0));
  for (const [r, c, n] of pairs) counts[rowKeys.indexOf(r)]![colKeys.indexOf(c)]! += n;
  const rowTotals = counts.map((line) => line.reduce((a, b) => a + b, 0));
  const colTotals = colKeys.map((_, j) => counts.reduce((a, line) => a + line[j]!, 0));
  return {
    from: q.from,
    to: q.to,
    rows: q.rows,
    cols: q.cols,
    rowKeys,
    colKeys,
    counts,
    rowTotals,
    colTotals,
    total: rowTotals.reduce((a, b) => a + b, 0),
  };
}

/** One consultation as first-contact resolution sees it. */
export interface ContactFact {
  id: string;
  /** Who called: the company, else the caller number; null = neither known (left out). */
  who: string | null;
  category: string;
  at: Date;
  /** The grouping key (queue, category or counselor). */
  key: string;
}

const DAY_MS = 86_400_000;

/**
 * The ids of consultations followed by another from the same caller about the same category
 * less than `windowDays` × 24 h later: those were not resolved at first contact. Facts past the
 * period's end must be passed too (a repeat the day after the period still counts).
 */
export function repeatsOf(facts: readonly ContactFact[], windowDays: number): Set<string> {
  const byThread = new Map<string, ContactFact[]>();
  for (const f of facts) {
    if (f.who === null) continue;
    const thread = `${f.who}\u0000${f.category}`;
    byThread.set(thread, [...(byThread.get(thread) ?? []), f]);
  }
  const repeated = new Set<string>();
  for (const thread of byThread.values()) {
    thread.sort((a, b) => a.at.getTime() - b.at.getTime() || Number(a.id) - Number(b.id));
    thread.forEach((f, i) => {
      const next = thread[i + 1];
      if (next && next.at.getTime() - f.at.getTime() < windowDays * DAY_MS) repeated.add(f.id);
    });
  }
  return repeated;
}

/** A row of the FCR report: resolved ÷ contacts with its formula id (4 decimals, as the KPI report's ratios). */
export function fcrRowOf(key: string, contacts: number, repeated: number): FcrRow {
  const resolved = contacts - repeated;
  return {
    key,
    contacts,
    repeated,
    resolved,
    rate: {
      value: contacts === 0 ? null : Math.round((resolved / contacts) * 10_000) / 10_000,
      formula: KPI_FORMULAS.fcr.id,
    },
  };
}

/** Per-key contact and repeat counts → rows in the key order of `by`, and the total row. */
export function fcrRowsOf(
  groups: readonly { key: string; contacts: number; repeated: number }[],
  order: (keys: string[]) => string[],
): { rows: FcrRow[]; total: FcrRow } {
  const byKey = new Map(groups.map((g) => [g.key, g]));
  const rows = order([...byKey.keys()]).map((k) => fcrRowOf(k, byKey.get(k)!.contacts, byKey.get(k)!.repeated));
  const sum = (f: 'contacts' | 'repeated') => groups.reduce((a, g) => a + g[f], 0);
  return { rows, total: fcrRowOf('*', sum('contacts'), sum('repeated')) };
}

/** `repeatsOf` grouped: the contacts inside [start, end) per key, with how many were repeated. */
export function fcrCountsOf(
  facts: readonly ContactFact[],
  windowDays: number,
  period: { start: Date; end: Date },
): { key: string; contacts: number; repeated: number }[] {
  const repeated = repeatsOf(facts, windowDays);
  const groups = new Map<string, { key: string; contacts: number; repeated: number }>();
  for (const f of facts) {
    if (f.who === null || f.at < period.start || f.at >= period.end) continue;
    const g = groups.get(f.key) ?? { key: f.key, contacts: 0, repeated: 0 };
    g.contacts += 1;
    if (repeated.has(f.id)) g.repeated += 1;
    groups.set(f.key, g);
  }
  return [...groups.values()];
}
