import { CallEventBatch, type FieldError } from '@cc1357/contracts';
import { AppError } from '../errors';
import { Router } from 'express';
import { allow, authenticate } from '../http/auth';
import { parseOr400 } from '../http/validate';
import { ingestCallEvents } from '../services/callEvents';
import type { ServiceContext } from '../services/context';

/** 2025-03-14T09:00:00Z, with optional fraction and a Z or ±hh:mm offset. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Service-to-service routes: telephony's own token only. */
export function internalRoutes(ctx: ServiceContext): Router {
  const r = Router();
  r.post('/api/internal/call-events', authenticate(ctx.authSecret, ctx.now), allow('service'), async (req, res) => {
    const batch = parseOr400(CallEventBatch, req.body);
    // The contract types `at` as a string; a time we cannot read would poison every KPI.
    const fields: FieldError[] = batch.events.flatMap((e, i) =>
      ISO_INSTANT.test(e.at) && !Number.isNaN(Date.parse(e.at)) ? [] : [{ path: `events.${i}.at`, message: 'ISO-8601 시각이 아닙니다' }],
    );
    if (fields.length) throw new AppError('BAD_REQUEST', '입력값을 확인하세요', fields);
    res.json(await ingestCallEvents(ctx, batch));
  });
  return r;
}
