import type { ReviewCriterionDto } from '@cc1357/contracts';

/**
 * Editing the review criteria (supervisors), pure: the checks crm-api makes, made before a
 * request so the form can say what is wrong at once, and the order as the server takes it.
 * crm-api checks again (and names a taken label with a 409).
 */
export interface CriterionDraft {
  label: string;
  /** As typed. */
  maxScore: string;
}

/** i18n keys of what is wrong, by field. */
export type CriterionErrors = Partial<Record<'label' | 'maxScore', string>>;

export type CriterionCheck =
  { ok: true; value: { label: string; maxScore: number } } | { ok: false; errors: CriterionErrors };

export const MAX_LABEL = 100;

export const draftOf = (c: Pick<ReviewCriterionDto, 'label' | 'maxScore'>): CriterionDraft => ({
  label: c.label,
  maxScore: String(c.maxScore),
});

/** A label (trimmed, 1–100, not another criterion's) and a whole maximum in 1–100. */
export function checkCriterion(
  draft: CriterionDraft,
  all: readonly Pick<ReviewCriterionDto, 'id' | 'label'>[],
  selfId: string | null,
): CriterionCheck {
  const errors: CriterionErrors = {};
  const label = draft.label.trim();
  if (label === '') errors.label = 'recordings.criteria.labelRequired';
  else if (label.length > MAX_LABEL) errors.label = 'recordings.criteria.labelTooLong';
  else if (all.some((c) => c.id !== selfId && c.label.trim() === label))
    errors.label = 'recordings.criteria.labelTaken';
  const text = draft.maxScore.trim();
  const maxScore = Number(text);
  if (!/^\d+$/.test(text) || maxScore < 1 || maxScore > 100) errors.maxScore = 'recordings.criteria.maxScoreRange';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: { label, maxScore } };
}

/** The criteria in the server's order: active ones first (the review form's order), then retired ones. */
export function splitCriteria(criteria: readonly ReviewCriterionDto[]): {
  active: ReviewCriterionDto[];
  retired: ReviewCriterionDto[];
} {
  const sorted = [...criteria].sort((a, b) => a.sortOrder - b.sortOrder || Number(a.id) - Number(b.id));
  return { active: sorted.filter((c) => c.active), retired: sorted.filter((c) => !c.active) };
}

/**
 * Every id in the new order after moving `id` one place up (-1) or down (+1) among the active
 * criteria (retired ones keep their places after them); null when it cannot move.
 */
export function movedOrder(criteria: readonly ReviewCriterionDto[], id: string, delta: -1 | 1): string[] | null {
  const { active, retired } = splitCriteria(criteria);
  const from = active.findIndex((c) => c.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= active.length) return null;
  const ids = active.map((c) => c.id);
  [ids[from], ids[to]] = [ids[to]!, ids[from]!];
  return [...ids, ...retired.map((c) => c.id)];
}

/** The whole body crm-api's PATCH takes (it replaces every field), with the change applied. */
export function criterionBody(
  c: ReviewCriterionDto,
  change: Partial<Pick<ReviewCriterionDto, 'label' | 'maxScore' | 'active'>>,
): { label: string; maxScore: number; active: boolean; sortOrder: number } {
  return { label: c.label, maxScore: c.maxScore, active: c.active, sortOrder: c.sortOrder, ...change };
}

/** A new criterion goes after every other one. */
export const nextSortOrder = (criteria: readonly ReviewCriterionDto[]): number =>
  Math.min(1000, criteria.reduce((max, c) => Math.max(max, c.sortOrder), 0) + 1);
