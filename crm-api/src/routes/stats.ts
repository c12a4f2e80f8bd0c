import { CRM_ROUTES as R } from '@cc1357/contracts';
import { Router } from 'express';
import { mount } from '../http/endpoint';
import { agentRoster } from '../services/agents';
import type { ServiceContext } from '../services/context';
import { todayStats } from '../services/stats';

export function floorRoutes(ctx: ServiceContext): Router {
  const r = Router();
  mount(r, ctx, R.todayStats, async (_input, _req, res) => {
    res.json(await todayStats(ctx));
  });
  mount(r, ctx, R.agents, async (_input, _req, res) => {
    res.json(await agentRoster(ctx));
  });
  return r;
}
