import { CallbackStatus, CreateCallbackRequest, UpdateCallbackRequest } from '@cc1357/contracts';
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, allow, authenticate } from '../http/auth';
import { parseOr400 } from '../http/validate';
import { changeCallback, createCallback, findCallbacks } from '../services/callbacks';
import type { ServiceContext } from '../services/context';

const Id = z.object({ id: z.string().regex(/^\d{1,18}$/, '콜백 ID는 숫자입니다') });
const ListQuery = z.object({ status: CallbackStatus.optional(), number: z.string().max(32).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

export function callbackRoutes(ctx: ServiceContext): Router {
  const r = Router();
  const guard = [authenticate(ctx.authSecret, ctx.now), allow('counselor', 'supervisor', 'admin', 'service')];
  r.post('/api/callbacks', ...guard, async (req, res) => {
    res.status(201).json(await createCallback(ctx, actorOf(req), parseOr400(CreateCallbackRequest, req.body)));
  });
  r.get('/api/callbacks', ...guard, async (req, res) => {
    res.json(await findCallbacks(ctx, actorOf(req), parseOr400(ListQuery, req.query)));
  });
  r.patch('/api/callbacks/:id', ...guard, async (req, res) => {
    res.json(await changeCallback(ctx, actorOf(req), parseOr400(Id, req.params).id, parseOr400(UpdateCallbackRequest, req.body)));
  });
  return r;
}
