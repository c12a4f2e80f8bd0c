import { Router } from 'express';
import { allow, authenticate } from '../http/auth';
import { agentRoster } from '../services/agents';
import type { ServiceContext } from '../services/context';
import { todayStats } from '../services/stats';

export function floorRoutes(ctx: ServiceContext): Router {
  const r = Router();
  const guard = [authenticate(ctx.authSecret, ctx.now), allow('supervisor', 'admin', 'service')];
  r.get('/api/stats/today', ...guard, async (_req, res) => {
    res.json(await todayStats(ctx));
  });
  r.get('/api/agents', ...guard, async (_req, res) => {
    res.json(await agentRoster(ctx));
  });
  return r;
}
