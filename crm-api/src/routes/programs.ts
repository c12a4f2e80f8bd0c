import { CategoryCode, ProgramLevel } from '@cc1357/contracts';
import { Router } from 'express';
import { z } from 'zod';
import { allow, authenticate } from '../http/auth';
import { parseOr400 } from '../http/validate';
import type { ServiceContext } from '../services/context';
import { policyCalendar, programCatalogueOf } from '../services/programs';
import { isoDate } from '../domain/isoDate';

const Day = isoDate();
const ListQuery = z.object({ category: CategoryCode.optional(), level: ProgramLevel.optional(), openOn: Day.optional() });
const CalendarQuery = z.object({ from: Day.optional(), weeks: z.coerce.number().int().min(1).max(26).default(4) });

/** The program catalogue is public information: every signed-in role may read it. */
export function programRoutes(ctx: ServiceContext): Router {
  const r = Router();
  const guard = [authenticate(ctx.authSecret, ctx.now), allow('counselor', 'supervisor', 'admin', 'service', 'partner')];
  r.get('/api/programs', ...guard, async (req, res) => {
    res.json(await programCatalogueOf(ctx, parseOr400(ListQuery, req.query)));
  });
  r.get('/api/programs/calendar', ...guard, async (req, res) => {
    const q = parseOr400(CalendarQuery, req.query);
    res.json(await policyCalendar(ctx, q.from, q.weeks));
  });
  return r;
}
