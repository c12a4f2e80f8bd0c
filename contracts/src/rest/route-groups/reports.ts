import { KpiReport, KpiReportQuery } from '../reports';
import { route, type RouteSpec } from '../route';

/** Historical reports (issue 16): supervisors and admins only. */
export const REPORT_ROUTES = {
  kpiReport: route({
    method: 'GET',
    path: '/api/reports/kpi',
    tag: 'reports',
    summary:
      'KPIs per queue or agent over 15/30/60-minute, day or month intervals (Asia/Seoul), each figure with its formula id',
    roles: ['supervisor', 'admin'],
    query: KpiReportQuery,
    response: KpiReport,
  }),
} as const satisfies Record<string, RouteSpec>;
