import { describe, expect, it } from 'vitest';
import type { StorageLike } from '../../api';
import { emptyDraft } from './draft';
import { clearDraft, draftKey, isBlankDraft, loadDraft, persistDraft } from './draft-store';

function memoryStorage(): StorageLike & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

describe('consultation drafts in storage', () => {
  it('keys drafts by user and call, "none" without a call', () => {
    expect(draftKey('7', 'call-1')).toBe('cc1357.draft.7.call-1');
    expect(draftKey('7', null)).toBe('cc1357.draft.7.none');
  });

  it('keeps a typed draft with its idempotency key and time, and gives it back', () => {
    const storage = memoryStorage();
    const draft = { ...emptyDraft('consult-abcdefgh'), category: 'finance' as const, summary: '정책자금 문의' };
    persistDraft(storage, 'k', draft, Date.parse('2026-03-03T01:02:03Z'));
    expect(loadDraft(storage, 'k')).toEqual({ savedAt: '2026-03-03T01:02:03.000Z', draft });
  });

  it('forgets a draft that is blank again, and one cleared after a save', () => {
    const storage = memoryStorage();
    persistDraft(storage, 'k', { ...emptyDraft('consult-abcdefgh'), summary: 'x' }, 0);
    persistDraft(storage, 'k', emptyDraft('consult-abcdefgh'), 0);
    expect(storage.map.has('k')).toBe(false);
    persistDraft(storage, 'k', { ...emptyDraft('consult-abcdefgh'), summary: 'x' }, 0);
    clearDraft(storage, 'k');
    expect(loadDraft(storage, 'k')).toBeNull();
  });

  it.each([
    ['not json'],
    [JSON.stringify({ savedAt: 'x', draft: { summary: 1 } })],
    [JSON.stringify({ savedAt: 'x', draft: { ...emptyDraft('consult-abcdefgh'), category: 'weird' } })],
  ])('drops an unreadable stored draft (%s) instead of crashing', (raw) => {
    const storage = memoryStorage();
    storage.setItem('k', raw);
    expect(loadDraft(storage, 'k')).toBeNull();
    expect(storage.map.has('k')).toBe(false);
  });

  it('a storage that refuses writes (quota) does not throw', () => {
    const full: StorageLike = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(() => persistDraft(full, 'k', { ...emptyDraft('consult-abcdefgh'), summary: 'x' }, 0)).not.toThrow();
  });

  it('blank means nothing typed and the default outcome', () => {
    expect(isBlankDraft(emptyDraft('consult-abcdefgh'))).toBe(true);
    expect(isBlankDraft({ ...emptyDraft('consult-abcdefgh'), outcome: 'info' })).toBe(false);
    expect(isBlankDraft({ ...emptyDraft('consult-abcdefgh'), followUp: ' ' })).toBe(true);
  });
});
