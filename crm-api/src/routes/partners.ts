import { CRM_ROUTES as R } from '@cc1357/contracts';
import { Router, type RequestHandler } from 'express';
import { AppError } from '../errors';
import { mount } from '../http/endpoint';
import type { ServiceContext } from '../services/context';
import {
  listPartnerCenters,
  receivePartnerOutcome,
  receivePartnerRelay,
  verifyPartnerRequest,
} from '../services/partnerRelays';

/**
 * Partner centers: the configured list (console), and the partner systems' signed posts. The
 * app hands these paths the raw body (app.ts); the signature is checked over those bytes first
 * (401, nothing read or written), then the JSON is parsed (400) and the route's schema applies.
 */
export function partnerRoutes(ctx: ServiceContext): Router {
  const r = Router();
  const signed: RequestHandler = async (req, _res, next) => {
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    await verifyPartnerRequest(ctx, String(req.params.partnerId), req.headers, raw);
    try {
      req.body = raw === '' ? undefined : (JSON.parse(raw) as unknown);
    } catch {
      throw new AppError('BAD_REQUEST', '요청 본문이 올바른 JSON이 아닙니다');
    }
    next();
  };
  mount(r, ctx, R.partnerCenters, async (_input, _req, res) => {
    res.json(listPartnerCenters(ctx));
  });
  mount(
    r,
    ctx,
    R.partnerOutcome,
    async ({ params, body }, _req, res) => {
      res.json(await receivePartnerOutcome(ctx, params.partnerId, body));
    },
    [signed],
  );
  mount(
    r,
    ctx,
    R.partnerRelay,
    async ({ params, body }, _req, res) => {
      const result = await receivePartnerRelay(ctx, params.partnerId, body);
      res.status(result.created ? 201 : 200).json(result.receipt);
    },
    [signed],
  );
  return r;
}
