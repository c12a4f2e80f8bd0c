import { CRM_ROUTES as R } from '@cc1357/contracts';
import { Router } from 'express';
import { mount } from '../http/endpoint';
import type { ServiceContext } from '../services/context';
import { kpiReport } from '../services/reports';

/** Historical reports (supervisors and admins; the roles come from the route spec). */
export function reportRoutes(ctx: ServiceContext): Router {
  const r = Router();
  mount(r, ctx, R.kpiReport, async (input, _req, res) => {
    res.json(await kpiReport(ctx, input.query));
  });
  return r;
}
