import { CategoryCode, PatchConsultationRequest } from '@cc1357/contracts';
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, allow, authenticate } from '../http/auth';
import { parseOr400 } from '../http/validate';
import { subCategoryCatalogue } from '../repositories/consultationEdits';
import { consultationRevisions, patchConsultation, readConsultation } from '../services/consultationEdits';
import type { ServiceContext } from '../services/context';
import { searchConsultationLog } from '../services/search';
import { isoDate } from '../domain/isoDate';

const Id = z.object({ id: z.string().regex(/^\d{1,18}$/, '상담 ID는 숫자입니다') });
const Day = isoDate();
const SearchQuery = z.object({
  q: z.string().max(100).optional(),
  bizRegNo: z.string().max(20).optional(),
  phone: z.string().max(32).optional(),
  companyId: z.string().regex(/^\d{1,18}$/).optional(),
  from: Day.optional(),
  to: Day.optional(),
  category: CategoryCode.optional(),
  counselorId: z.string().regex(/^\d{1,18}$/).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export function consultationEditRoutes(ctx: ServiceContext): Router {
  const r = Router();
  const auth = authenticate(ctx.authSecret, ctx.now);
  const people = allow('counselor', 'supervisor', 'admin');
  r.get('/api/consultation-categories', auth, allow('counselor', 'supervisor', 'admin', 'service'), async (_req, res) => {
    res.json(await subCategoryCatalogue(ctx.db));
  });
  r.get('/api/search/consultations', auth, people, async (req, res) => {
    res.json(await searchConsultationLog(ctx, actorOf(req), parseOr400(SearchQuery, req.query)));
  });
  r.get('/api/consultations/:id', auth, people, async (req, res) => {
    res.json(await readConsultation(ctx, actorOf(req), parseOr400(Id, req.params).id));
  });
  r.get('/api/consultations/:id/revisions', auth, people, async (req, res) => {
    res.json(await consultationRevisions(ctx, actorOf(req), parseOr400(Id, req.params).id));
  });
  r.patch('/api/consultations/:id', auth, people, async (req, res) => {
    const { id } = parseOr400(Id, req.params);
    res.json(await patchConsultation(ctx, actorOf(req), id, parseOr400(PatchConsultationRequest, req.body)));
  });
  return r;
}
