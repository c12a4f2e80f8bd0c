import { Router } from 'express';
import { AppError } from '../errors';
import type { ServiceContext } from '../services/context';

export function healthRoutes(ctx: ServiceContext): Router {
  const r = Router();
  r.get('/health', async (_req, res) => {
    try {
      await ctx.db.query('SELECT 1');
    } catch (err) {
      ctx.log.warn({ err }, 'health check: database unreachable');
      throw new AppError('UNAVAILABLE', '데이터베이스에 연결할 수 없습니다');
    }
    res.json({ ok: true });
  });
  return r;
}
