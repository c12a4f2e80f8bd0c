import { CRM_ROUTES as R } from '@cc1357/contracts';
import { Router } from 'express';
import { actorOf } from '../http/auth';
import { mount } from '../http/endpoint';
import { actOnCallback, changeCallback, createCallback, findCallbacks } from '../services/callbacks';
import type { ServiceContext } from '../services/context';

export function callbackRoutes(ctx: ServiceContext): Router {
  const r = Router();
  mount(r, ctx, R.createCallback, async ({ body }, req, res) => {
    res.status(201).json(await createCallback(ctx, actorOf(req), body));
  });
  mount(r, ctx, R.callbacks, async ({ query }, req, res) => {
    res.json(await findCallbacks(ctx, actorOf(req), query));
  });
  mount(r, ctx, R.updateCallback, async ({ params, body }, req, res) => {
    res.json(await changeCallback(ctx, actorOf(req), params.id, body));
  });
  mount(r, ctx, R.callbackAction, async ({ params, body }, req, res) => {
    res.json(await actOnCallback(ctx, actorOf(req), params.id, body));
  });
  return r;
}
