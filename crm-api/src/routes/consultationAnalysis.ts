import { CRM_ROUTES as R } from '@cc1357/contracts';
import { Router } from 'express';
import { mount } from '../http/endpoint';
import type { ServiceContext } from '../services/context';
import { consultationPivot, fcrReport } from '../services/consultationAnalysis';

/** What callers ask about (supervisors and admins; the roles come from the route spec). */
export function consultationAnalysisRoutes(ctx: ServiceContext): Router {
  const r = Router();
  mount(r, ctx, R.consultationPivot, async (input, _req, res) => {
    res.json(await consultationPivot(ctx, input.query));
  });
  mount(r, ctx, R.fcrReport, async (input, _req, res) => {
    res.json(await fcrReport(ctx, input.query));
  });
  return r;
}
