import { CATEGORY_CODES, OUTCOME_CODES } from '@cc1357/contracts';
import { z } from 'zod';
import type { StorageLike } from '../../api';
import type { ConsultationDraft } from './draft';

/**
 * Unsaved write-ups kept in localStorage so a reload, a crashed tab or a closed laptop loses
 * nothing. One draft per user and call ("none" for a write-up without a call); the
 * idempotency key travels with it, so a save retried after a reload still stores once.
 */

const PREFIX = 'cc1357.draft.';

const StoredDraft = z.object({
  savedAt: z.string(),
  draft: z.object({
    idempotencyKey: z.string().min(8),
    category: z.enum([...CATEGORY_CODES, '']),
    subCategory: z.string(),
    summary: z.string(),
    outcome: z.enum(OUTCOME_CODES),
    followUp: z.string(),
  }),
});
export type StoredDraft = z.infer<typeof StoredDraft>;

export function draftKey(userId: string, callId: string | null): string {
  return `${PREFIX}${userId}.${callId ?? 'none'}`;
}

/** Nothing typed yet: not worth keeping (and not worth a "restored" notice). */
export function isBlankDraft(d: ConsultationDraft): boolean {
  return d.category === '' && d.subCategory.trim() === '' && d.summary.trim() === '' && d.followUp.trim() === '' && d.outcome === 'resolved';
}

export function loadDraft(storage: StorageLike, key: string): StoredDraft | null {
  const raw = storage.getItem(key);
  if (!raw) return null;
  try {
    const parsed = StoredDraft.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  } catch {
    // unreadable: dropped below
  }
  storage.removeItem(key);
  return null;
}

/** Keeps the draft, or forgets it once it is blank again. */
export function persistDraft(storage: StorageLike, key: string, draft: ConsultationDraft, nowMs: number): void {
  if (isBlankDraft(draft)) {
    storage.removeItem(key);
    return;
  }
  try {
    storage.setItem(key, JSON.stringify({ savedAt: new Date(nowMs).toISOString(), draft } satisfies StoredDraft));
  } catch {
    // A full or disabled storage must not break typing; the draft then lives only on screen.
  }
}

export function clearDraft(storage: StorageLike, key: string): void {
  storage.removeItem(key);
}

const memory = new Map<string, string>();
const MEMORY_STORAGE: StorageLike = {
  getItem: (k) => memory.get(k) ?? null,
  setItem: (k, v) => void memory.set(k, v),
  removeItem: (k) => void memory.delete(k),
};

/** localStorage in a browser; a per-process map where there is none (server rendering in tests). */
export function browserStorage(): StorageLike {
  return typeof window !== 'undefined' && window.localStorage ? window.localStorage : MEMORY_STORAGE;
}
