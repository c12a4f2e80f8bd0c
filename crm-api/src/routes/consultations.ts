import { CRM_ROUTES as R } from '@cc1357/contracts';
import { Router } from 'express';
import { actorOf } from '../http/auth';
import { mount } from '../http/endpoint';
import { maskPhone } from '../domain/masking';
import { createConsultation, findConsultations } from '../services/consultations';
import type { ServiceContext } from '../services/context';

export function consultationRoutes(ctx: ServiceContext): Router {
  const r = Router();
  // Consultations are written by people: the counselor is the token's user.
  mount(r, ctx, R.createConsultation, async ({ body }, req, res) => {
    const result = await createConsultation(ctx, actorOf(req), body);
    res.status(result.created ? 201 : 200).json(result.consultation);
  });
  mount(r, ctx, R.consultations, async ({ query }, req, res) => {
    // A list: caller numbers masked (the single record, GET /api/consultations/:id, is full and audited).
    const rows = await findConsultations(ctx, actorOf(req), query);
    res.json(rows.map((c) => ({ ...c, callerNumber: maskPhone(c.callerNumber) })));
  });
  return r;
}
