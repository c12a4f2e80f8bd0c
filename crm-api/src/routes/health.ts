import { CRM_ROUTES as R, type HealthProbe, type HealthReport, healthStatus, runHealthChecks } from '@cc1357/contracts';
import { Router } from 'express';
import { AppError } from '../errors';
import { mount } from '../http/endpoint';
import type { ServiceContext } from '../services/context';

/** Dependencies readiness checks beside PostgreSQL (Redis, when crm-api runs its BullMQ side). */
export type ReadinessProbes = Record<string, HealthProbe>;

/**
 * `/health` (the database answers; kept for what already polls it), `/health/live` (the process
 * answers: no dependency touched, so an outage never gets a sound process restarted) and
 * `/health/ready` (each dependency by name, 503 while one is down).
 */
export function healthRoutes(ctx: ServiceContext, probes: ReadinessProbes = {}): Router {
  const r = Router();
  mount(r, ctx, R.health, async (_input, _req, res) => {
    try {
      await ctx.db.query('SELECT 1');
    } catch (err) {
      ctx.log.warn({ err }, 'health check: database unreachable');
      throw new AppError('UNAVAILABLE', '데이터베이스에 연결할 수 없습니다');
    }
    res.json({ ok: true });
  });
  mount(r, ctx, R.healthLive, async (_input, _req, res) => {
    const report: HealthReport = { status: 'ok', service: 'crm-api', checks: {} };
    res.set('cache-control', 'no-store').json(report);
  });
  const readiness: ReadinessProbes = {
    postgres: async () => void (await ctx.db.query('SELECT 1')),
    ...probes,
  };
  mount(r, ctx, R.healthReady, async (_input, _req, res) => {
    const report = await runHealthChecks('crm-api', readiness);
    if (report.status !== 'ok') ctx.log.warn({ checks: report.checks }, 'not ready');
    res.status(healthStatus(report)).set('cache-control', 'no-store').json(report);
  });
  return r;
}
