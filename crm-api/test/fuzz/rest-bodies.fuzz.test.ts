import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CRM_ROUTES, type Role, type RouteSpec, fieldErrorsOf, pathOf } from '@cc1357/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCrm, call, makeUser, startTestCrm, tokenFor } from '../support/server';
import { nearValid } from './zod-arbitrary';

/**
 * Generated bodies against a real crm-api (real PostgreSQL): for every JSON body route, a body the
 * route's schema refuses gets a 400 naming exactly those fields, and no body, nor a body that is not
 * JSON at all, ever gets a 5xx. A bounded number here; the validators get thousands on their own
 * (rest-validators.fuzz.test.ts).
 */

const bodyRoutes = Object.entries(CRM_ROUTES as Record<string, RouteSpec>).filter(
  ([, r]) => r.body && r.bodyType !== 'csv',
);
const names = bodyRoutes.map(([n]) => n);
const spec = (name: string) => (CRM_ROUTES as Record<string, RouteSpec>)[name]!;

/** The role a request to the route is made as: the first it allows (none for public routes). */
const roleOf = (r: RouteSpec): Role | null => (Array.isArray(r.roles) ? (r.roles[0] as Role) : null);

describe('crm-api under generated request bodies (real server)', () => {
  let crm: TestCrm;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    // With a recordings directory, so the recordings routes run (without one they answer 503).
    crm = await startTestCrm({ recordingsDir: path.join(mkdtempSync(path.join(tmpdir(), 'fuzz-rec-')), 'store') });
    await makeUser(crm.db, { username: 'fuzz-counselor', role: 'counselor', agentId: '1001' });
    for (const [, r] of bodyRoutes) {
      const role = roleOf(r);
      if (role && !tokens.has(role)) tokens.set(role, await tokenFor(role));
    }
  });
  afterAll(async () => crm?.close());

  it('answers 400 naming the fields, or success, never 5xx', async () => {
    const statuses = new Map<number, number>();
    const input = fc.constantFrom(...names).chain((name) =>
      fc.record({
        name: fc.constant(name),
        body: nearValid(spec(name).body!),
        // Now and then a body that is not JSON at all.
        raw: fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, fc.string({ maxLength: 60 })),
      }),
    );
    await fc.assert(
      fc.asyncProperty(input, async ({ name, body, raw }) => {
        const r = spec(name);
        const role = roleOf(r);
        const path = pathOf(r, { id: '1', partnerId: 'fta1380' });
        const res = await call(crm, r.method, path, {
          ...(role ? { token: tokens.get(role)! } : {}),
          ...(raw === null ? { body: body === undefined ? null : body } : { rawBody: raw }),
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, `${name} ${JSON.stringify(res.body)}`).toBeLessThan(500);
        if (res.status >= 400) expect(res.body.error.message.length).toBeGreaterThan(0);
        // The schema sees what crossed the wire: JSON turns Infinity and NaN into null and drops
        // undefined members, so the expected answer is computed from the body as sent.
        const sent = raw === null && body !== undefined ? JSON.parse(JSON.stringify(body)) : undefined;
        const parsed = r.body!.safeParse(sent ?? {});
        // Public partner webhooks check their signature first (401); everything else reads the body.
        if (raw === null && !parsed.success && r.roles !== 'public') {
          expect(res.status, `${name} ${JSON.stringify(body)}`).toBe(400);
          // express.json is strict: a bare string, number or null is refused as a whole body
          // ("not JSON" 400) before the schema runs; an object or array is checked field by field.
          if (sent !== null && typeof sent === 'object')
            expect(res.body.error.fields).toEqual(fieldErrorsOf(parsed.error));
        }
      }),
      { numRuns: 400 },
    );
    // Both kinds of answer happened: refusals, and bodies that got past validation to the handler
    // (which created, updated, or answered 401/404 for the fuzz's made-up ids and passwords).
    const count = (pick: (s: number) => boolean) =>
      [...statuses].filter(([s]) => pick(s)).reduce((n, [, c]) => n + c, 0);
    expect(count((s) => s === 400)).toBeGreaterThan(100);
    expect(count((s) => s < 300)).toBeGreaterThan(0);
  });
});
