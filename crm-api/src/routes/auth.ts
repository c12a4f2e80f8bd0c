import { LoginRequest } from '@cc1357/contracts';
import { Router } from 'express';
import { actorOf, authenticate } from '../http/auth';
import { parseOr400 } from '../http/validate';
import { login, me } from '../services/auth';
import type { ServiceContext } from '../services/context';

export function authRoutes(ctx: ServiceContext): Router {
  const r = Router();
  r.post('/api/auth/login', async (req, res) => {
    res.json(await login(ctx, parseOr400(LoginRequest, req.body)));
  });
  r.get('/api/me', authenticate(ctx.authSecret, ctx.now), async (req, res) => {
    res.json(await me(ctx, actorOf(req)));
  });
  return r;
}
