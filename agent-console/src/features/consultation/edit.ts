import type { ConsultationDetail, ConsultationRevisionDto, PatchConsultationRequest } from '@cc1357/contracts';
import { CONSULTATION_FIELD_NAMES, blankToNull, formValuesOf, isNullable, type FieldValues } from './fields';

/**
 * Editing a saved consultation as data: the fields a counselor may change (the contract's
 * consultation fields, and whether the follow-up is closed), the PATCH that carries only what
 * changed (with the revision it was read at, so a concurrent edit is a 409 instead of a silent
 * overwrite), and the revision list read as "who changed what, when".
 */

export interface EditFields extends FieldValues {
  followUpClosed: boolean;
}

export function editFieldsOf(c: ConsultationDetail): EditFields {
  return { ...formValuesOf(c), followUpClosed: c.followUpClosedAt !== null };
}

/** A field's value as compared and sent: optional text blank → null, the rest trimmed. */
const normalized = (name: keyof FieldValues, value: string): string | null =>
  isNullable(name) ? blankToNull(value) : value.trim();

/** The PATCH for what changed, or null when nothing did. */
export function patchOf(original: ConsultationDetail, edited: EditFields): PatchConsultationRequest | null {
  const before = editFieldsOf(original);
  const changed: Record<string, unknown> = {};
  for (const name of CONSULTATION_FIELD_NAMES) {
    const value = normalized(name, edited[name]);
    if (value !== normalized(name, before[name])) changed[name] = value;
  }
  if (edited.followUpClosed !== before.followUpClosed) changed.followUpClosed = edited.followUpClosed;
  if (Object.keys(changed).length === 0) return null;
  // The keys are the contract's field names with values as the form holds them; crm-api checks them (400 names a bad one).
  return { expectedRevision: original.revision, ...(changed as PatchConsultationRequest) };
}

export interface RevisionLine {
  revision: number;
  changedAt: string;
  changedByName: string;
  /** Each changed field with its value at that revision (as stored: strings, null as ''). */
  changes: Array<{ field: string; value: string }>;
}

/** Newest first; each line lists the changed fields with the value they had at that revision. */
export function revisionLines(revisions: readonly ConsultationRevisionDto[]): RevisionLine[] {
  return [...revisions]
    .sort((a, b) => b.revision - a.revision)
    .map((r) => ({
      revision: r.revision,
      changedAt: r.changedAt,
      changedByName: r.changedByName,
      changes: r.changedFields.map((field) => ({ field, value: display(r.snapshot[field]) })),
    }));
}

function display(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
