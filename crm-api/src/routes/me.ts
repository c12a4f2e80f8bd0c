import { CRM_ROUTES as R } from '@cc1357/contracts';
import { Router } from 'express';
import { actorOf } from '../http/auth';
import { mount } from '../http/endpoint';
import type { ServiceContext } from '../services/context';
import { myDay } from '../services/myDay';

/** The signed-in user's own views: the user is the token's, never a parameter. */
export function meRoutes(ctx: ServiceContext): Router {
  const r = Router();
  mount(r, ctx, R.myDay, async (input, req, res) => {
    res.json(await myDay(ctx, actorOf(req), input.query));
  });
  return r;
}
