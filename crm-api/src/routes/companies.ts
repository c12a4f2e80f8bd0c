import { KOREAN_REGIONS, SIZE_CLASSES } from '@cc1357/contracts';
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, allow, authenticate } from '../http/auth';
import { parseOr400 } from '../http/validate';
import type { ServiceContext } from '../services/context';
import { companyDetail, companyRecommendations, companySupportHistory } from '../services/programs';
import { searchCompanies } from '../services/search';

const Id = z.object({ id: z.string().regex(/^\d{1,18}$/, '기업 ID는 숫자입니다') });
const SearchQuery = z.object({
  q: z.string().max(100).optional(),
  bizRegNo: z.string().max(20).optional(),
  phone: z.string().max(32).optional(),
  region: z.enum(KOREAN_REGIONS).optional(),
  sizeClass: z.enum(SIZE_CLASSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export function companyRoutes(ctx: ServiceContext): Router {
  const r = Router();
  const auth = authenticate(ctx.authSecret, ctx.now);
  const people = allow('counselor', 'supervisor', 'admin');
  r.get('/api/search/companies', auth, people, async (req, res) => {
    res.json(await searchCompanies(ctx, actorOf(req), parseOr400(SearchQuery, req.query)));
  });
  r.get('/api/companies/:id', auth, people, async (req, res) => {
    res.json(await companyDetail(ctx, actorOf(req), parseOr400(Id, req.params).id));
  });
  r.get('/api/companies/:id/support-history', auth, people, async (req, res) => {
    res.json(await companySupportHistory(ctx, actorOf(req), parseOr400(Id, req.params).id));
  });
  r.get('/api/companies/:id/recommendations', auth, allow('counselor', 'supervisor', 'admin', 'service'), async (req, res) => {
    res.json(await companyRecommendations(ctx, actorOf(req), parseOr400(Id, req.params).id));
  });
  return r;
}
