import { CreateConsultationRequest } from '@cc1357/contracts';
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, allow, authenticate } from '../http/auth';
import { parseOr400 } from '../http/validate';
import { maskPhone } from '../domain/masking';
import { createConsultation, findConsultations } from '../services/consultations';
import type { ServiceContext } from '../services/context';

const ListQuery = z.object({
  companyId: z.string().regex(/^\d{1,18}$/, '기업 ID는 숫자입니다').optional(),
  callerNumber: z.string().max(32).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export function consultationRoutes(ctx: ServiceContext): Router {
  const r = Router();
  const auth = authenticate(ctx.authSecret, ctx.now);
  // Consultations are written by people: the counselor is the token's user.
  r.post('/api/consultations', auth, allow('counselor', 'supervisor', 'admin'), async (req, res) => {
    const body = parseOr400(CreateConsultationRequest, req.body);
    const result = await createConsultation(ctx, actorOf(req), body);
    res.status(result.created ? 201 : 200).json(result.consultation);
  });
  r.get('/api/consultations', auth, allow('counselor', 'supervisor', 'admin', 'service'), async (req, res) => {
    // A list: caller numbers masked (the single record, GET /api/consultations/:id, is full and audited).
    const rows = await findConsultations(ctx, actorOf(req), parseOr400(ListQuery, req.query));
    res.json(rows.map((c) => ({ ...c, callerNumber: maskPhone(c.callerNumber) })));
  });
  return r;
}
