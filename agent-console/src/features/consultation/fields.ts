import { CONSULTATION_FIELD_NAMES, ConsultationFields, type ConsultationFieldName } from '@cc1357/contracts';
import { z } from 'zod';

/**
 * The consultation's fields as the console types them in, derived from the contract's one
 * schema (ConsultationFields): the draft, the stored draft, the request, the edit and the
 * inputs all loop over CONSULTATION_FIELD_NAMES. What the schema cannot say — which control
 * a field is typed into — is FIELD_INPUTS, one line per field.
 */

export { CONSULTATION_FIELD_NAMES, type ConsultationFieldName };

/** An enum field is its value or '' (nothing chosen yet); a text field is its text ('' = empty). */
type FormValue<T> = T extends string ? (string extends T ? string : T | '') : string;
export type FieldValues = { [K in ConsultationFieldName]: FormValue<NonNullable<ConsultationFields[K]>> };

/**
 * The control each field is typed into, its element id's suffix (`c-<id>` on the form,
 * `e-<consultation>-<id>` in the editor) and, when not empty, what a new write-up starts with.
 */
export const FIELD_INPUTS: {
  [K in ConsultationFieldName]: {
    control: 'category' | 'outcome' | 'line' | 'text';
    id: string;
    initial?: FieldValues[K];
  };
} = {
  category: { control: 'category', id: 'category' },
  subCategory: { control: 'line', id: 'sub' },
  summary: { control: 'text', id: 'summary' },
  outcome: { control: 'outcome', id: 'outcome', initial: 'resolved' },
  followUp: { control: 'line', id: 'follow' },
};

const schemaOf = (name: ConsultationFieldName): z.ZodType => ConsultationFields.shape[name];

/** Optional text (null when blank) — from the schema: it accepts null. */
export const isNullable = (name: ConsultationFieldName): boolean => schemaOf(name).safeParse(null).success;

/** The input's maxLength, from the schema's own limit. */
export function maxLengthOf(name: ConsultationFieldName): number | undefined {
  let schema: z.ZodType = schemaOf(name);
  if (schema instanceof z.ZodNullable) schema = schema.unwrap() as z.ZodType;
  return schema instanceof z.ZodString ? (schema.maxLength ?? undefined) : undefined;
}

/** What a new write-up starts with: nothing typed (a field's `initial` where it has one), the category if known. */
export function emptyValues(category: FieldValues['category'] = ''): FieldValues {
  const out: Record<string, string> = {};
  for (const name of CONSULTATION_FIELD_NAMES) out[name] = FIELD_INPUTS[name].initial ?? '';
  // Each key filled just above with its field's initial value or ''.
  return { ...(out as FieldValues), category };
}

/** Must be filled before saving (marked on the form): not optional, and empty in a new write-up. */
export const isRequired = (name: ConsultationFieldName): boolean => !isNullable(name) && emptyValues()[name] === '';

/** An optional text field as stored: trimmed, and null when nothing was typed (new and edited records alike). */
export const blankToNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** Each field as the request carries it: optional text blank → null, the rest as typed. */
export function requestValuesOf(values: FieldValues): Record<ConsultationFieldName, string | null> {
  const out = {} as Record<ConsultationFieldName, string | null>;
  for (const name of CONSULTATION_FIELD_NAMES) out[name] = isNullable(name) ? blankToNull(values[name]) : values[name];
  return out;
}

/** A stored record's fields as the inputs show them (null → ''). */
export function formValuesOf(record: { [K in ConsultationFieldName]: ConsultationFields[K] }): FieldValues {
  const out: Record<string, string> = {};
  for (const name of CONSULTATION_FIELD_NAMES) out[name] = record[name] ?? '';
  // Every key was just filled from the record, whose values are the schema's (an enum's or text).
  return out as FieldValues;
}

/** The schema a stored (localStorage) draft's fields are checked with: an enum's values or '', else text. */
const StoredFieldValues = z.object(
  Object.fromEntries(
    CONSULTATION_FIELD_NAMES.map((name) => {
      const schema = schemaOf(name);
      return [name, schema instanceof z.ZodEnum ? z.enum([...(schema.options as string[]), '']) : z.string()];
    }),
  ),
);

/** A stored draft's fields as the form's values, when each one passes its field's check (see StoredFieldValues). */
export function isFieldValues(value: object): value is FieldValues {
  return StoredFieldValues.safeParse(value).success;
}
