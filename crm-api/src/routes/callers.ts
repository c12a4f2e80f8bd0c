import { Router } from 'express';
import { z } from 'zod';
import { actorOf, allow, authenticate } from '../http/auth';
import { parseOr400 } from '../http/validate';
import { callerPop } from '../services/pop';
import type { ServiceContext } from '../services/context';

const PopQuery = z.object({ bizRegNo: z.string().max(20).optional(), callId: z.string().min(1).max(100).optional() });

export function callerRoutes(ctx: ServiceContext): Router {
  const r = Router();
  const guard = [authenticate(ctx.authSecret, ctx.now), allow('counselor', 'supervisor', 'admin', 'service')];
  r.get('/api/callers/:number/pop', ...guard, async (req, res) => {
    const q = parseOr400(PopQuery, req.query);
    res.json(await callerPop(ctx, actorOf(req), String(req.params.number), q.bizRegNo, q.callId));
  });
  // An empty number segment ("/api/callers//pop") is a withheld caller too.
  r.get(['/api/callers/pop', '/api/callers//pop'], ...guard, async (req, res) => {
    const q = parseOr400(PopQuery, req.query);
    res.json(await callerPop(ctx, actorOf(req), null, q.bizRegNo, q.callId));
  });
  return r;
}
