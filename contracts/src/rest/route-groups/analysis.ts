import { ConsultationPivot, ConsultationPivotQuery, FcrReport, FcrReportQuery } from '../analysis';
import { route, type RouteSpec } from '../route';

/** What callers ask about (issue 16): consultation pivots and first-contact resolution; supervisors and admins only. */
export const ANALYSIS_ROUTES = {
  consultationPivot: route({
    method: 'GET',
    path: '/api/reports/consultations',
    tag: 'reports',
    summary:
      'Consultations counted by two dimensions (agency, queue, category, sub-category, region, size, industry, month) over Seoul days',
    roles: ['supervisor', 'admin'],
    query: ConsultationPivotQuery,
    response: ConsultationPivot,
  }),
  fcrReport: route({
    method: 'GET',
    path: '/api/reports/fcr',
    tag: 'reports',
    summary:
      'First-contact resolution (formula fcr.v1) per queue, category or counselor: a repeat about the same category within windowDays counts against the first',
    roles: ['supervisor', 'admin'],
    query: FcrReportQuery,
    response: FcrReport,
  }),
} as const satisfies Record<string, RouteSpec>;
