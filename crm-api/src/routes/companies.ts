import { CRM_ROUTES as R } from '@cc1357/contracts';
import { Router } from 'express';
import { actorOf } from '../http/auth';
import { mount } from '../http/endpoint';
import type { ServiceContext } from '../services/context';
import { companyDetail, companyRecommendations, companySupportHistory } from '../services/programs';
import { searchCompanies } from '../services/search';

export function companyRoutes(ctx: ServiceContext): Router {
  const r = Router();
  mount(r, ctx, R.searchCompanies, async ({ query }, req, res) => {
    res.json(await searchCompanies(ctx, actorOf(req), query));
  });
  mount(r, ctx, R.company, async ({ params }, req, res) => {
    res.json(await companyDetail(ctx, actorOf(req), params.id));
  });
  mount(r, ctx, R.companySupportHistory, async ({ params }, req, res) => {
    res.json(await companySupportHistory(ctx, actorOf(req), params.id));
  });
  mount(r, ctx, R.recommendations, async ({ params }, req, res) => {
    res.json(await companyRecommendations(ctx, actorOf(req), params.id));
  });
  return r;
}
