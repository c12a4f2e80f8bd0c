import { CRM_ROUTES as R } from '@cc1357/contracts';
import express, { Router } from 'express';
import { actorOf } from '../http/auth';
import { mount } from '../http/endpoint';
import type { ServiceContext } from '../services/context';
import { importCompanies, importSupportHistory } from '../services/imports';

/**
 * Admin CSV imports (text/csv body). The role is checked before the body is read. The body is
 * taken as bytes: Korean Excel saves CP949 as often as UTF-8, and the service decides which.
 */
export function importRoutes(ctx: ServiceContext): Router {
  const r = Router();
  const csv = express.raw({ type: ['text/csv', 'text/plain', 'application/csv'], limit: '50mb' });
  mount(
    r,
    ctx,
    R.importCompanies,
    async ({ body }, req, res) => {
      res.json(await importCompanies(ctx, actorOf(req), body));
    },
    [csv],
  );
  mount(
    r,
    ctx,
    R.importSupportHistory,
    async ({ body }, req, res) => {
      res.json(await importSupportHistory(ctx, actorOf(req), body));
    },
    [csv],
  );
  return r;
}
