import { z } from 'zod';
import type { StorageLike } from '../../api';
import { emptyDraft, type ConsultationDraft } from './draft';
import { CONSULTATION_FIELD_NAMES, isFieldValues } from './fields';

/**
 * Unsaved write-ups kept in localStorage so a reload, a crashed tab or a closed laptop loses
 * nothing. One draft per user and call ("none" for a write-up without a call); the
 * idempotency key travels with it, so a save retried after a reload still stores once.
 */

const PREFIX = 'cc1357.draft.';

/** The envelope; the fields are checked by isFieldValues, with schemas derived from the contract's (see fields.ts). */
const StoredDraftSchema = z.object({
  savedAt: z.string(),
  draft: z.looseObject({ idempotencyKey: z.string().min(8) }),
});
export interface StoredDraft {
  savedAt: string;
  draft: ConsultationDraft;
}

export function draftKey(userId: string, callId: string | null): string {
  return `${PREFIX}${userId}.${callId ?? 'none'}`;
}

/** Nothing typed yet: not worth keeping (and not worth a "restored" notice). */
export function isBlankDraft(d: ConsultationDraft): boolean {
  const blank = emptyDraft(d.idempotencyKey);
  return CONSULTATION_FIELD_NAMES.every((name) => d[name].trim() === blank[name]);
}

export function loadDraft(storage: StorageLike, key: string): StoredDraft | null {
  const raw = storage.getItem(key);
  if (!raw) return null;
  try {
    const parsed = StoredDraftSchema.safeParse(JSON.parse(raw));
    if (parsed.success && isFieldValues(parsed.data.draft))
      return { savedAt: parsed.data.savedAt, draft: parsed.data.draft };
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
