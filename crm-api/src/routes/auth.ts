import { CRM_ROUTES as R, type SessionCheckResponse } from '@cc1357/contracts';
import { Router } from 'express';
import { actorOf } from '../http/auth';
import { mount } from '../http/endpoint';
import { login, logout, me } from '../services/auth';
import type { ServiceContext } from '../services/context';

export function authRoutes(ctx: ServiceContext): Router {
  const r = Router();
  mount(r, ctx, R.login, async ({ body }, req, res) => {
    res.json(await login(ctx, body, req.ip ?? 'unknown'));
  });
  mount(r, ctx, R.logout, async (_input, req, res) => {
    await logout(ctx, actorOf(req));
    res.status(204).end();
  });
  mount(r, ctx, R.me, async (_input, req, res) => {
    res.json(await me(ctx, actorOf(req)));
  });
  // telephony asks which of its connected consoles' sessions are over (it then disconnects them).
  mount(r, ctx, R.sessionCheck, async ({ body }, _req, res) => {
    const result: SessionCheckResponse = { revoked: ctx.sessions ? await ctx.sessions.revokedOf(body.sessions) : [] };
    res.json(result);
  });
  return r;
}
