import { CRM_ROUTES as R, type LoginLocksResponse } from '@cc1357/contracts';
import { Router } from 'express';
import { actorOf } from '../http/auth';
import { mount } from '../http/endpoint';
import { liftLoginLock, setUserActiveAsAdmin } from '../services/admin';
import type { ServiceContext } from '../services/context';

/** Admin-only security views: login locks (list, lift) and user (de)activation. */
export function adminRoutes(ctx: ServiceContext): Router {
  const r = Router();

  mount(r, ctx, R.loginLocks, async (_input, _req, res) => {
    const body: LoginLocksResponse = { locks: (await ctx.loginLimits?.locks()) ?? [] };
    res.json(body);
  });

  mount(r, ctx, R.liftLoginLock, async ({ params: { kind, key } }, req, res) => {
    await liftLoginLock(ctx, actorOf(req), kind, key);
    res.status(204).end();
  });

  for (const [spec, active] of [
    [R.deactivateUser, false],
    [R.activateUser, true],
  ] as const) {
    mount(r, ctx, spec, async ({ params: { id } }, req, res) => {
      res.json(await setUserActiveAsAdmin(ctx, actorOf(req), id, active));
    });
  }
  return r;
}
