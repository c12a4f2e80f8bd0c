import { CRM_ROUTES as R } from '@cc1357/contracts';
import { Router } from 'express';
import { mount } from '../http/endpoint';
import { ingestAgentStateChanges } from '../services/agentStateChanges';
import { ingestCallEvents } from '../services/callEvents';
import type { ServiceContext } from '../services/context';
import { recordSupervisorAction } from '../services/supervisorActions';
import { callbackForDial } from '../services/callbacks';

/** Service-to-service routes: telephony's own token only. */
export function internalRoutes(ctx: ServiceContext): Router {
  const r = Router();
  // The contract's IsoInstant refuses an `at` we cannot read (it would poison every KPI): 400 naming events.N.at.
  mount(r, ctx, R.callEvents, async ({ body }, _req, res) => {
    res.json(await ingestCallEvents(ctx, body));
  });
  // Agent state changes for staffed time (occupancy.v2); a bad body is a 400 naming changes.N.<field>.
  mount(r, ctx, R.agentStateChanges, async ({ body }, _req, res) => {
    res.json(await ingestAgentStateChanges(ctx, body));
  });
  // A supervisor's force Not ready / log out / skills change, as telephony applied it: audited (skills stored).
  mount(r, ctx, R.supervisorAction, async ({ body }, _req, res) => {
    res.json(await recordSupervisorAction(ctx, body));
  });
  // An outbound call's callbackId: telephony checks it names a callback of the dialled number.
  mount(r, ctx, R.callbackForDial, async ({ params }, _req, res) => {
    res.json(await callbackForDial(ctx, params.id));
  });
  return r;
}
