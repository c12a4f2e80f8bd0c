import { CRM_ROUTES as R } from '@cc1357/contracts';
import { Router } from 'express';
import { actorOf } from '../http/auth';
import { mount } from '../http/endpoint';
import {
  consultationCategories,
  consultationRevisions,
  patchConsultation,
  readConsultation,
} from '../services/consultationEdits';
import type { ServiceContext } from '../services/context';
import { searchConsultationLog } from '../services/search';

export function consultationEditRoutes(ctx: ServiceContext): Router {
  const r = Router();
  mount(r, ctx, R.categories, async (_input, _req, res) => {
    res.json(await consultationCategories(ctx));
  });
  mount(r, ctx, R.searchConsultations, async ({ query }, req, res) => {
    res.json(await searchConsultationLog(ctx, actorOf(req), query));
  });
  mount(r, ctx, R.consultation, async ({ params }, req, res) => {
    res.json(await readConsultation(ctx, actorOf(req), params.id));
  });
  mount(r, ctx, R.revisions, async ({ params }, req, res) => {
    res.json(await consultationRevisions(ctx, actorOf(req), params.id));
  });
  mount(r, ctx, R.patchConsultation, async ({ params, body }, req, res) => {
    res.json(await patchConsultation(ctx, actorOf(req), params.id, body));
  });
  return r;
}
