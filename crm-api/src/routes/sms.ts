import { CRM_ROUTES as R } from '@cc1357/contracts';
import { Router } from 'express';
import { actorOf } from '../http/auth';
import { mount } from '../http/endpoint';
import type { ServiceContext } from '../services/context';
import { optIn, optOut, sendSms, smsHistory } from '../services/sms';

export function smsRoutes(ctx: ServiceContext): Router {
  const r = Router();
  mount(r, ctx, R.sendSms, async ({ body }, req, res) => {
    const result = await sendSms(ctx, actorOf(req), body);
    res.status(result.created ? 201 : 200).json(result.message);
  });
  mount(r, ctx, R.smsHistory, async ({ query }, req, res) => {
    res.json(await smsHistory(ctx, actorOf(req), query.callerNumber, query.limit));
  });
  // A caller may opt out through a counselor or the IVR (telephony's service token).
  mount(r, ctx, R.smsOptOut, async ({ body }, req, res) => {
    await optOut(ctx, actorOf(req), body.number, body.source);
    res.status(204).end();
  });
  mount(r, ctx, R.smsOptIn, async ({ params }, req, res) => {
    await optIn(ctx, actorOf(req), params.number);
    res.status(204).end();
  });
  return r;
}
