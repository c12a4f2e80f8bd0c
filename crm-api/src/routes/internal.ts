import { CRM_ROUTES as R } from '@cc1357/contracts';
import { Router } from 'express';
import { mount } from '../http/endpoint';
import { ingestCallEvents } from '../services/callEvents';
import type { ServiceContext } from '../services/context';

/** Service-to-service routes: telephony's own token only. */
export function internalRoutes(ctx: ServiceContext): Router {
  const r = Router();
  // The contract's IsoInstant refuses an `at` we cannot read (it would poison every KPI): 400 naming events.N.at.
  mount(r, ctx, R.callEvents, async ({ body }, _req, res) => {
    res.json(await ingestCallEvents(ctx, body));
  });
  return r;
}
