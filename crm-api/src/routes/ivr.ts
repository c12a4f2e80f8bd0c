import { CRM_ROUTES as R } from '@cc1357/contracts';
import { Router } from 'express';
import { actorOf } from '../http/auth';
import { mount } from '../http/endpoint';
import type { ServiceContext } from '../services/context';
import { ivrDropout, ivrSms } from '../services/ivr';

/** IVR routes: the drop-out report (supervisors) and SMS self-service (telephony). */
export function ivrRoutes(ctx: ServiceContext): Router {
  const r = Router();
  mount(r, ctx, R.ivrDropout, async ({ query }, _req, res) => {
    res.json(await ivrDropout(ctx, query.date));
  });
  mount(r, ctx, R.ivrSms, async ({ body }, req, res) => {
    const result = await ivrSms(ctx, actorOf(req), body);
    res.status(result.created ? 201 : 200).json(result.message);
  });
  return r;
}
