import { CRM_ROUTES, type RouteSpec, fieldErrorsOf } from '@cc1357/contracts';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors';
import { parseOr400 } from '../../src/http/validate';
import { nearValid } from './zod-arbitrary';

/**
 * Every JSON body of CRM_ROUTES through crm-api's own validator (`parseOr400`, what each endpoint
 * runs): the body parses, or it throws a BAD_REQUEST AppError (HTTP 400) whose fields name each bad
 * path with a message. Nothing else may come out of it: no TypeError, no 500.
 */

const bodyRoutes = Object.entries(CRM_ROUTES as Record<string, RouteSpec>).filter(
  ([, r]) => r.body && r.bodyType !== 'csv',
);

describe('REST body validators under generated bodies', () => {
  /** Bodies each route accepted: the generator must reach past the refusals, not only into them. */
  const accepted = new Map<string, number>();
  afterAll(() => expect([...accepted.values()].filter((n) => n > 0).length).toBeGreaterThanOrEqual(10));

  it('covers every JSON body route', () => expect(bodyRoutes.length).toBeGreaterThanOrEqual(14));

  for (const [name, spec] of bodyRoutes) {
    it(`${name} (${spec.method} ${spec.path}): parsed, or a 400 naming the fields`, () => {
      const schema = spec.body!;
      let refused = 0;
      let acceptedHere = 0;
      fc.assert(
        fc.property(nearValid(schema), (body) => {
          let err: unknown = null;
          try {
            parseOr400(schema, body);
          } catch (e) {
            err = e;
          }
          if (err === null) return void (acceptedHere += 1);
          refused += 1;
          expect(err).toBeInstanceOf(AppError);
          const app = err as AppError;
          expect(app.status).toBe(400);
          expect(app.fields?.length).toBeGreaterThan(0);
          for (const f of app.fields!) {
            expect(f.path.length).toBeGreaterThan(0);
            expect(f.message.length).toBeGreaterThan(0);
          }
          // The same fields the contract's own check reports.
          expect(app.fields).toEqual(fieldErrorsOf(schema.safeParse(body ?? {}).error!));
        }),
        { numRuns: 1000 },
      );
      expect(refused).toBeGreaterThan(0);
      accepted.set(name, acceptedHere);
    });
  }
});
