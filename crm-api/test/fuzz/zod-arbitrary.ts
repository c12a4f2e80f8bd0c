import fc from 'fast-check';
import type { z } from 'zod';

/**
 * Near-valid values for a contract schema: its own keys and shapes, each part now and then
 * replaced by any JSON at all, so generated bodies get past the first check and reach the deep
 * ones (a wrong type three levels down, an enum one letter off, a date that does not exist).
 * Only the schema kinds crm-api's bodies use; anything else is any JSON.
 */

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  entries?: Record<string, string | number>;
  valueType?: z.ZodType;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Strings of the forms the contracts check for (numbers, dates, phones, Korean text). */
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.stringMatching(/^\d{1,19}$/),
  fc.constantFrom('2025-03-14', '2025-02-30', '2025-03-14T03:00:00Z', '01012345678', '02-123-4567', '1234567890'),
  fc.constantFrom('기업', '상담 메모', '홍길동', '', ' ', '\u0000', 'x'.repeat(5000)),
);

export function nearValid(schema: z.ZodType): fc.Arbitrary<unknown> {
  // Half the bodies keep every part in shape (more of them pass, and reach the handler).
  return fc.oneof(part(schema, 0, true), part(schema, 0, false));
}

function part(schema: z.ZodType, depth: number, clean: boolean): fc.Arbitrary<unknown> {
  if (clean) return shaped(schema, depth, clean);
  return fc.oneof({ weight: 1, arbitrary: fc.jsonValue() }, { weight: 6, arbitrary: shaped(schema, depth, clean) });
}

function shaped(schema: z.ZodType, depth: number, clean: boolean): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if (depth > 5) return fc.jsonValue({ maxDepth: 1 });
  switch (def.type) {
    case 'object': {
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, field] of Object.entries(def.shape ?? {})) model[key] = part(field, depth + 1, clean);
      // Most keys present; a stray key now and then (strict objects refuse it).
      return fc
        .tuple(
          fc.record(model, { requiredKeys: clean ? Object.keys(model) : [] }),
          clean ? fc.constant(null) : fc.option(fc.tuple(fc.string({ maxLength: 8 }), fc.jsonValue())),
        )
        .map(([o, stray]) => (stray ? { ...o, [stray[0]]: stray[1] } : o));
    }
    case 'array':
      return fc.array(part(def.element!, depth + 1, clean), { maxLength: 4 });
    case 'optional':
    case 'nullable':
    case 'default': {
      const none: fc.Arbitrary<unknown> = clean
        ? fc.constant(def.type === 'nullable' ? null : undefined)
        : fc.constantFrom(null, undefined);
      return fc.oneof(shaped(def.innerType!, depth, clean), none);
    }
    case 'enum':
      return clean
        ? fc.constantFrom(...Object.values(def.entries ?? { x: 'x' }))
        : fc.oneof(fc.constantFrom(...Object.values(def.entries ?? { x: 'x' })), text);
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 8 }), part(def.valueType!, depth + 1, clean), { maxKeys: 3 });
    case 'string':
      return text;
    case 'number':
      return fc.oneof(fc.integer({ min: -5, max: 1000 }), fc.double(), fc.constantFrom(1e21, -0, 2 ** 53));
    case 'boolean':
      return fc.boolean();
    default:
      return fc.jsonValue();
  }
}
