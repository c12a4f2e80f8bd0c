import { z } from 'zod';
import { KOREAN_REGIONS, SIZE_CLASSES } from '../../vocabulary/regions';
import { CallerPop } from '../callers';
import { CompanyDetail, CompanySearchHit, RecommendationList } from '../companies';
import { SupportHistorySummary } from '../programs';
import { PEOPLE, PEOPLE_AND_TELEPHONY, dbId } from './shared';
import { route, type RouteSpec } from '../route';

/** The screen pop, companies and their search. */
export const CALLER_ROUTES = {
  /* ---------- the screen pop ---------- */
  callerPop: route({
    method: 'GET',
    path: '/api/callers/:number/pop',
    aliases: ['/api/callers/pop', '/api/callers//pop'],
    tag: 'callers',
    summary: 'The screen pop for a caller number (an empty number segment = withheld)',
    roles: PEOPLE_AND_TELEPHONY,
    serviceToken: true,
    params: z.object({ number: z.string().optional() }),
    query: z.object({ bizRegNo: z.string().max(20).optional(), callId: z.string().min(1).max(100).optional() }),
    response: CallerPop,
  }),

  /* ---------- companies and search ---------- */
  searchCompanies: route({
    method: 'GET',
    path: '/api/search/companies',
    tag: 'companies',
    summary: 'Search companies (masked list)',
    roles: PEOPLE,
    query: z.object({
      q: z.string().max(100).optional(),
      bizRegNo: z.string().max(20).optional(),
      phone: z.string().max(32).optional(),
      region: z.enum(KOREAN_REGIONS).optional(),
      sizeClass: z.enum(SIZE_CLASSES).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
    response: z.array(CompanySearchHit),
  }),
  company: route({
    method: 'GET',
    path: '/api/companies/:id',
    tag: 'companies',
    summary: 'One company, full and audited',
    roles: PEOPLE,
    params: dbId('기업 ID는 숫자입니다'),
    response: CompanyDetail,
  }),
  companySupportHistory: route({
    method: 'GET',
    path: '/api/companies/:id/support-history',
    tag: 'companies',
    summary: "A company's support history by year",
    roles: PEOPLE,
    params: dbId('기업 ID는 숫자입니다'),
    response: SupportHistorySummary,
  }),
  recommendations: route({
    method: 'GET',
    path: '/api/companies/:id/recommendations',
    tag: 'companies',
    summary: 'Programs the company is eligible for, best first',
    roles: PEOPLE_AND_TELEPHONY,
    params: dbId('기업 ID는 숫자입니다'),
    response: RecommendationList,
  }),
} as const satisfies Record<string, RouteSpec>;
