import { CRM_ROUTES as R } from '@cc1357/contracts';
import { Router } from 'express';
import { actorOf } from '../http/auth';
import { mount } from '../http/endpoint';
import type { ServiceContext } from '../services/context';
import { relayStats } from '../services/relayStats';
import { listDeadLetters, redeliverRelay } from '../services/partnerRelays';
import { createRelay, findRelays, postRelayOutcome, readRelay } from '../services/relays';

export function relayRoutes(ctx: ServiceContext): Router {
  const r = Router();
  mount(r, ctx, R.createRelay, async ({ body }, req, res) => {
    const result = await createRelay(ctx, actorOf(req), body);
    res.status(result.created ? 201 : 200).json(result.relay);
  });
  mount(r, ctx, R.relays, async ({ query }, req, res) => {
    res.json(await findRelays(ctx, actorOf(req), query));
  });
  // Before /api/relays/:id, which would take 'dead-letters' for an id.
  mount(r, ctx, R.relayDeadLetters, async ({ query }, _req, res) => {
    res.json(await listDeadLetters(ctx, query.limit));
  });
  mount(r, ctx, R.relayStats, async ({ query }, _req, res) => {
    res.json(await relayStats(ctx, query.date, query.to));
  });
  mount(r, ctx, R.redeliverRelay, async ({ params }, req, res) => {
    res.json(await redeliverRelay(ctx, actorOf(req), params.id));
  });
  mount(r, ctx, R.relay, async ({ params }, req, res) => {
    res.json(await readRelay(ctx, actorOf(req), params.id));
  });
  mount(r, ctx, R.relayOutcome, async ({ params, body }, req, res) => {
    res.json(await postRelayOutcome(ctx, actorOf(req), params.id, body));
  });
  return r;
}
