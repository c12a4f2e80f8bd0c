import type { CategoryCode, ConsultationDetail, ConsultationRevisionDto, OutcomeCode, PatchConsultationRequest } from '@cc1357/contracts';
import { blankToNull } from './draft';

/**
 * Editing a saved consultation as data: the fields a counselor may change, the PATCH that
 * carries only what changed (with the revision it was read at, so a concurrent edit is a 409
 * instead of a silent overwrite), and the revision list read as "who changed what, when".
 */

export interface EditFields {
  category: CategoryCode;
  subCategory: string;
  summary: string;
  outcome: OutcomeCode;
  followUp: string;
  followUpClosed: boolean;
}

export function editFieldsOf(c: ConsultationDetail): EditFields {
  return {
    category: c.category,
    subCategory: c.subCategory ?? '',
    summary: c.summary,
    outcome: c.outcome,
    followUp: c.followUp ?? '',
    followUpClosed: c.followUpClosedAt !== null,
  };
}

/** The PATCH for what changed, or null when nothing did. */
export function patchOf(original: ConsultationDetail, edited: EditFields): PatchConsultationRequest | null {
  const before = editFieldsOf(original);
  const patch: PatchConsultationRequest = {};
  if (edited.category !== before.category) patch.category = edited.category;
  if (blankToNull(edited.subCategory) !== blankToNull(before.subCategory)) patch.subCategory = blankToNull(edited.subCategory);
  if (edited.summary.trim() !== before.summary.trim()) patch.summary = edited.summary.trim();
  if (edited.outcome !== before.outcome) patch.outcome = edited.outcome;
  if (blankToNull(edited.followUp) !== blankToNull(before.followUp)) patch.followUp = blankToNull(edited.followUp);
  if (edited.followUpClosed !== before.followUpClosed) patch.followUpClosed = edited.followUpClosed;
  if (Object.keys(patch).length === 0) return null;
  return { expectedRevision: original.revision, ...patch };
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
