import { CreateRelayRequest, PartnerId, RelayOutcomeRequest, RelayStatus } from '@cc1357/contracts';
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, allow, authenticate } from '../http/auth';
import { parseOr400 } from '../http/validate';
import type { ServiceContext } from '../services/context';
import { createRelay, findRelays, postRelayOutcome, readRelay } from '../services/relays';

const Id = z.object({ id: z.string().regex(/^\d{1,18}$/, '이관 ID는 숫자입니다') });
const ListQuery = z.object({ status: RelayStatus.optional(), partnerId: PartnerId.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

export function relayRoutes(ctx: ServiceContext): Router {
  const r = Router();
  const auth = authenticate(ctx.authSecret, ctx.now);
  r.post('/api/relays', auth, allow('counselor', 'supervisor', 'admin', 'service'), async (req, res) => {
    const result = await createRelay(ctx, actorOf(req), parseOr400(CreateRelayRequest, req.body));
    res.status(result.created ? 201 : 200).json(result.relay);
  });
  r.get('/api/relays', auth, allow('counselor', 'supervisor', 'admin', 'partner'), async (req, res) => {
    res.json(await findRelays(ctx, actorOf(req), parseOr400(ListQuery, req.query)));
  });
  r.get('/api/relays/:id', auth, allow('counselor', 'supervisor', 'admin', 'partner'), async (req, res) => {
    res.json(await readRelay(ctx, actorOf(req), parseOr400(Id, req.params).id));
  });
  r.post('/api/relays/:id/outcome', auth, allow('partner', 'admin'), async (req, res) => {
    res.json(await postRelayOutcome(ctx, actorOf(req), parseOr400(Id, req.params).id, parseOr400(RelayOutcomeRequest, req.body)));
  });
  return r;
}
