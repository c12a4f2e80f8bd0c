import type { KpiReport } from '@cc1357/contracts';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api';
import { asApiError, type ApiError } from '../../api/errors';
import type { KpiReportQueryInput } from './reports-model';

export interface ReportState {
  report: KpiReport | null;
  error: ApiError | null;
  /** A request is under way (the screen says so and keeps the last report until it lands). */
  loading: boolean;
}

interface Answer {
  /** The query this answer belongs to: loading is "the latest answer is not for the current query". */
  query: KpiReportQueryInput | null;
  report: KpiReport | null;
  error: ApiError | null;
}

/** Loads the report for `query` (a new object = a new request); an answer to an older query is dropped. */
export function useKpiReport(api: Pick<ApiClient, 'kpiReport'>, query: KpiReportQueryInput): ReportState {
  const [answer, setAnswer] = useState<Answer>({ query: null, report: null, error: null });
  useEffect(() => {
    let live = true;
    api.kpiReport(query).then(
      (report) => live && setAnswer({ query, report, error: null }),
      (error: unknown) => live && setAnswer((a) => ({ query, report: a.report, error: asApiError(error) })),
    );
    return () => {
      live = false;
    };
  }, [api, query]);
  return { report: answer.report, error: answer.error, loading: answer.query !== query };
}
