import { CRM_ROUTES as R } from '@cc1357/contracts';
import { Router } from 'express';
import { actorOf } from '../http/auth';
import { mount } from '../http/endpoint';
import { callerPop } from '../services/pop';
import type { ServiceContext } from '../services/context';

export function callerRoutes(ctx: ServiceContext): Router {
  const r = Router();
  // Its aliases (no number, or an empty number segment "/api/callers//pop") are a withheld caller.
  mount(r, ctx, R.callerPop, async ({ params, query }, req, res) => {
    res.json(await callerPop(ctx, actorOf(req), params.number ?? null, query.bizRegNo, query.callId));
  });
  return r;
}
