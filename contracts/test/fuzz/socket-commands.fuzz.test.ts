import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLIENT_COMMANDS, type ClientCommandName } from '../../src/index';

/**
 * Every console command's schema against arbitrary payloads: it parses or it refuses with issues
 * that say where and what (the gateway turns them into `BAD_REQUEST: invalid <command>: <path>:
 * <message>`), and it never throws. A payload that parses parses again to the same value.
 */

const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
});

/** Near-valid payloads: the commands' own fields with any values, plus strays. */
const nearValid = fc.record(
  {
    callId: fc.oneof(fc.string({ maxLength: 120 }), anything),
    reason: fc.oneof(fc.constantFrom('break', 'meal', 'training', 'other', ''), anything),
    seconds: fc.oneof(fc.integer({ min: -10, max: 700 }), fc.double(), anything),
    held: fc.oneof(fc.boolean(), anything),
    muted: fc.oneof(fc.boolean(), anything),
    extra: anything,
  },
  { requiredKeys: [] },
);

/** The gateway's refusal text for a failed parse (src/adapters/console/gateway.ts). */
const detailOf = (issues: { path: PropertyKey[]; message: string }[]) =>
  issues.map((i) => `${i.path.map(String).join('.') || '(payload)'}: ${i.message}`).join('; ');

describe('console command schemas under arbitrary payloads', () => {
  for (const name of Object.keys(CLIENT_COMMANDS) as ClientCommandName[]) {
    it(`${name}: parsed, or refused with a clear error`, () => {
      const schema = CLIENT_COMMANDS[name];
      fc.assert(
        fc.property(fc.oneof(anything, nearValid), (payload) => {
          // The gateway parses `payload ?? {}`.
          const parsed = schema.safeParse(payload ?? {});
          if (parsed.success) {
            expect(schema.safeParse(parsed.data)).toEqual(parsed);
            return;
          }
          expect(parsed.error.issues.length).toBeGreaterThan(0);
          for (const issue of parsed.error.issues) expect(issue.message.length).toBeGreaterThan(0);
          // A wrong field is named by its path; a wrong shape or stray keys name the payload.
          const detail = detailOf(parsed.error.issues);
          if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
            const bad = parsed.error.issues.map((i) => String(i.path[0] ?? '(payload)'));
            for (const field of bad) expect(detail).toContain(field);
          }
        }),
        { numRuns: 2000 },
      );
    });
  }
});
