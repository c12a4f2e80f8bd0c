import { IvrSmsRequest } from '@cc1357/contracts';
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, allow, authenticate } from '../http/auth';
import { parseOr400 } from '../http/validate';
import type { ServiceContext } from '../services/context';
import { ivrDropout, ivrSms } from '../services/ivr';
import { isoDate } from '../domain/isoDate';

const DateQuery = z.object({ date: isoDate('날짜는 YYYY-MM-DD 형식입니다') });

/** IVR routes: the drop-out report (supervisors) and SMS self-service (telephony). */
export function ivrRoutes(ctx: ServiceContext): Router {
  const r = Router();
  const auth = authenticate(ctx.authSecret, ctx.now);
  r.get('/api/stats/ivr-dropout', auth, allow('supervisor', 'admin'), async (req, res) => {
    res.json(await ivrDropout(ctx, parseOr400(DateQuery, req.query).date));
  });
  r.post('/api/ivr/sms', auth, allow('service'), async (req, res) => {
    const result = await ivrSms(ctx, actorOf(req), parseOr400(IvrSmsRequest, req.body));
    res.status(result.created ? 201 : 200).json(result.message);
  });
  return r;
}
