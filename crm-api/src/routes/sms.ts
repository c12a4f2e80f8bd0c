import { SendSmsRequest, SmsOptOutRequest } from '@cc1357/contracts';
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, allow, authenticate } from '../http/auth';
import { parseOr400 } from '../http/validate';
import type { ServiceContext } from '../services/context';
import { optIn, optOut, sendSms, smsHistory } from '../services/sms';

const ListQuery = z.object({ callerNumber: z.string().min(1).max(32), limit: z.coerce.number().int().min(1).max(100).default(20) });

export function smsRoutes(ctx: ServiceContext): Router {
  const r = Router();
  const auth = authenticate(ctx.authSecret, ctx.now);
  r.post('/api/sms', auth, allow('counselor', 'supervisor', 'admin'), async (req, res) => {
    const result = await sendSms(ctx, actorOf(req), parseOr400(SendSmsRequest, req.body));
    res.status(result.created ? 201 : 200).json(result.message);
  });
  r.get('/api/sms', auth, allow('counselor', 'supervisor', 'admin', 'service'), async (req, res) => {
    const q = parseOr400(ListQuery, req.query);
    res.json(await smsHistory(ctx, actorOf(req), q.callerNumber, q.limit));
  });
  // A caller may opt out through a counselor or the IVR (telephony's service token).
  r.post('/api/sms/opt-outs', auth, allow('counselor', 'supervisor', 'admin', 'service'), async (req, res) => {
    const body = parseOr400(SmsOptOutRequest, req.body);
    await optOut(ctx, actorOf(req), body.number, body.source);
    res.status(204).end();
  });
  r.delete('/api/sms/opt-outs/:number', auth, allow('admin'), async (req, res) => {
    await optIn(ctx, actorOf(req), String(req.params.number));
    res.status(204).end();
  });
  return r;
}
