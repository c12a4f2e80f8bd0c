import { CallEventBatch } from '@cc1357/contracts';
import { Router } from 'express';
import { allow, authenticate } from '../http/auth';
import { parseOr400 } from '../http/validate';
import { ingestCallEvents } from '../services/callEvents';
import type { ServiceContext } from '../services/context';

/** Service-to-service routes: telephony's own token only. */
export function internalRoutes(ctx: ServiceContext): Router {
  const r = Router();
  r.post('/api/internal/call-events', authenticate(ctx.authSecret, ctx.now), allow('service'), async (req, res) => {
    res.json(await ingestCallEvents(ctx, parseOr400(CallEventBatch, req.body)));
  });
  return r;
}
