import express, { Router } from 'express';
import { actorOf, allow, authenticate } from '../http/auth';
import type { ServiceContext } from '../services/context';
import { importCompanies, importSupportHistory } from '../services/imports';

/** Admin CSV imports (text/csv body). The role is checked before the body is read. */
export function importRoutes(ctx: ServiceContext): Router {
  const r = Router();
  const guard = [authenticate(ctx.authSecret, ctx.now), allow('admin')];
  const csv = express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: '50mb' });
  r.post('/api/imports/companies', ...guard, csv, async (req, res) => {
    res.json(await importCompanies(ctx, actorOf(req), req.body));
  });
  r.post('/api/imports/support-history', ...guard, csv, async (req, res) => {
    res.json(await importSupportHistory(ctx, actorOf(req), req.body));
  });
  return r;
}
