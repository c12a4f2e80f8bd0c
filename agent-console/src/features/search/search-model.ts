import type { CategoryCode } from '@cc1357/contracts';
import type { CompanySearchParams, ConsultationSearchParams, SearchParams } from '../../api';

/**
 * One search box, read the way a counselor types: a 사업자등록번호 (10 digits, dashes or not),
 * a phone number, or a (partial) company name. Filters narrow the consultations.
 */

export interface SearchInput {
  text: string;
  from: string; // YYYY-MM-DD or ''
  to: string;
  category: CategoryCode | '';
  /** Only the signed-in counselor's consultations. */
  mine: boolean;
}

export type SearchKind = 'bizRegNo' | 'phone' | 'name' | 'none';

export function searchKind(text: string): SearchKind {
  const trimmed = text.trim();
  if (trimmed === '') return 'none';
  if (/^[\d\s-]+$/.test(trimmed) || /^\+82[\d\s-]+$/.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, '');
    // 10 digits not starting with 0 is a 사업자등록번호; phone numbers start with 0 (or +82).
    if (digits.length === 10 && !digits.startsWith('0')) return 'bizRegNo';
    if (
      trimmed.startsWith('+82') ||
      (digits.startsWith('0') && digits.length >= 9 && digits.length <= 11) ||
      (digits.length === 8 && /^1[5-9]/.test(digits))
    )
      return 'phone';
    if (digits.length === 10) return 'bizRegNo';
  }
  return 'name';
}

export interface SearchRequests {
  kind: SearchKind;
  /** null: the box is empty, companies are not searched (filters apply to consultations only). */
  companies: CompanySearchParams | null;
  consultations: ConsultationSearchParams | null;
}

export function searchRequests(input: SearchInput, userId: string, limit = 30): SearchRequests {
  const kind = searchKind(input.text);
  const text = input.text.trim();
  const key: Pick<SearchParams, 'q' | 'bizRegNo' | 'phone'> =
    kind === 'bizRegNo'
      ? { bizRegNo: text.replace(/\D/g, '') }
      : kind === 'phone'
        ? { phone: text.replace(/[^\d+]/g, '') }
        : kind === 'name'
          ? { q: text }
          : {};
  const filters: ConsultationSearchParams = {
    ...(input.from ? { from: input.from } : {}),
    ...(input.to ? { to: input.to } : {}),
    ...(input.category ? { category: input.category } : {}),
    ...(input.mine ? { counselorId: userId } : {}),
  };
  const hasFilter = Object.keys(filters).length > 0;
  return {
    kind,
    companies: kind === 'none' ? null : { ...key, limit: String(limit) },
    consultations: kind === 'none' && !hasFilter ? null : { ...key, ...filters, limit: String(limit) },
  };
}

/** A date range that ends before it starts is a typo worth saying out loud. */
export function rangeError(input: Pick<SearchInput, 'from' | 'to'>): boolean {
  return input.from !== '' && input.to !== '' && input.from > input.to;
}
