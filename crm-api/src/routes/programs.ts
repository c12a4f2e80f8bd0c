import { CRM_ROUTES as R } from '@cc1357/contracts';
import { Router } from 'express';
import { mount } from '../http/endpoint';
import type { ServiceContext } from '../services/context';
import { policyCalendar, programCatalogueOf } from '../services/programs';

/** The program catalogue is public information: every signed-in role may read it. */
export function programRoutes(ctx: ServiceContext): Router {
  const r = Router();
  mount(r, ctx, R.programs, async ({ query }, _req, res) => {
    res.json(await programCatalogueOf(ctx, query));
  });
  mount(r, ctx, R.calendar, async ({ query }, _req, res) => {
    res.json(await policyCalendar(ctx, query.from, query.weeks));
  });
  return r;
}
