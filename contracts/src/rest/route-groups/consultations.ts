import { z } from 'zod';
import { CategoryCode } from '../../vocabulary/center';
import {
  ConsultationDetail,
  ConsultationDto,
  ConsultationRevisionDto,
  ConsultationSearchHit,
  CreateConsultationRequest,
  PatchConsultationRequest,
  SubCategoryCatalogue,
} from '../consultations';
import { PEOPLE, PEOPLE_AND_TELEPHONY, dbId, Day } from './shared';
import { route, type RouteSpec } from '../route';

/** Consultations: write-up, edits with history, search. */
export const CONSULTATION_ROUTES = {
  /* ---------- consultations ---------- */
  createConsultation: route({
    method: 'POST',
    path: '/api/consultations',
    tag: 'consultations',
    summary: 'Save a consultation (idempotent by key: 201 new, 200 the first result)',
    roles: PEOPLE,
    body: CreateConsultationRequest,
    response: ConsultationDto,
    created: true,
  }),
  consultations: route({
    method: 'GET',
    path: '/api/consultations',
    tag: 'consultations',
    summary: "A company's or number's consultations (caller numbers masked)",
    roles: PEOPLE_AND_TELEPHONY,
    query: z.object({
      companyId: z
        .string()
        .regex(/^\d{1,18}$/, '기업 ID는 숫자입니다')
        .optional(),
      callerNumber: z.string().max(32).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
    response: z.array(ConsultationDto),
  }),
  consultation: route({
    method: 'GET',
    path: '/api/consultations/:id',
    tag: 'consultations',
    summary: 'One consultation, full and audited',
    roles: PEOPLE,
    params: dbId('상담 ID는 숫자입니다'),
    response: ConsultationDetail,
  }),
  revisions: route({
    method: 'GET',
    path: '/api/consultations/:id/revisions',
    tag: 'consultations',
    summary: "A consultation's revisions",
    roles: PEOPLE,
    params: dbId('상담 ID는 숫자입니다'),
    response: z.array(ConsultationRevisionDto),
  }),
  patchConsultation: route({
    method: 'PATCH',
    path: '/api/consultations/:id',
    tag: 'consultations',
    summary: 'Change a consultation (optimistic lock by revision: 409 on a concurrent edit)',
    roles: PEOPLE,
    params: dbId('상담 ID는 숫자입니다'),
    body: PatchConsultationRequest,
    response: ConsultationDetail,
  }),
  categories: route({
    method: 'GET',
    path: '/api/consultation-categories',
    tag: 'consultations',
    summary: 'The categories with their sub-categories',
    roles: PEOPLE_AND_TELEPHONY,
    response: SubCategoryCatalogue,
  }),
  searchConsultations: route({
    method: 'GET',
    path: '/api/search/consultations',
    tag: 'consultations',
    summary: 'Search the consultation log (masked list)',
    roles: PEOPLE,
    query: z.object({
      q: z.string().max(100).optional(),
      bizRegNo: z.string().max(20).optional(),
      phone: z.string().max(32).optional(),
      companyId: z
        .string()
        .regex(/^\d{1,18}$/)
        .optional(),
      from: Day.optional(),
      to: Day.optional(),
      category: CategoryCode.optional(),
      counselorId: z
        .string()
        .regex(/^\d{1,18}$/)
        .optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
    response: z.array(ConsultationSearchHit),
  }),
} as const satisfies Record<string, RouteSpec>;
