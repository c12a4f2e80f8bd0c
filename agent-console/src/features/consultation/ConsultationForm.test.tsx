import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { actionById, actionForKey, runAction } from '../../actions';
import { createApiClient, type StorageLike } from '../../api';
import { ConsultationForm } from './ConsultationForm';
import { draftKey, persistDraft } from './draft-store';
import { emptyDraft } from './draft';

const { html } = consoleI18n();

// Never reached during static rendering (effects do not run), but typed like the real one.
const api = createApiClient({ baseUrl: 'http://127.0.0.1:9', fetch: () => Promise.reject(new Error('offline')) });

describe('consultation form drafts', () => {
  function storageWith(entries: Record<string, string> = {}): StorageLike {
    const map = new Map(Object.entries(entries));
    return {
      getItem: (k) => map.get(k) ?? null,
      setItem: (k, v) => void map.set(k, v),
      removeItem: (k) => void map.delete(k),
    };
  }
  const link = { callId: null, companyId: null, callerNumber: null };

  it('a stored draft for this user and call comes back with a notice', () => {
    const storage = storageWith();
    persistDraft(
      storage,
      draftKey('7', null),
      { ...emptyDraft('consult-abcdefgh'), category: 'export', summary: '수출바우처 문의 내용' },
      Date.parse('2026-03-03T01:02:00Z'),
    );
    const out = html(
      <ConsultationForm
        api={api}
        link={link}
        userId="7"
        registerSubmit={() => undefined}
        storage={storage}
        onClose={() => undefined}
      />,
    );
    expect(out).toContain('data-testid="draft-restored"');
    expect(out).toContain('2026-03-03 10:02');
    expect(out).toContain('수출바우처 문의 내용');
    expect(out).toContain('상담 기록 (통화 없음)');
  });

  it("another user's draft is not shown", () => {
    const storage = storageWith();
    persistDraft(storage, draftKey('8', null), { ...emptyDraft('consult-abcdefgh'), summary: '남의 초안' }, 0);
    const out = html(
      <ConsultationForm api={api} link={link} userId="7" registerSubmit={() => undefined} storage={storage} />,
    );
    expect(out).not.toContain('남의 초안');
    expect(out).not.toContain('draft-restored');
  });

  it('F7 inserts the template through the registered action, only when a form is there', async () => {
    const action = actionById('insertTemplate');
    expect(actionForKey({ key: 'F7' })?.id).toBe('insertTemplate');
    let inserted = 0;
    const ctx = {
      desk: { agent: null, call: null, pending: null, error: null, notice: null },
      online: true,
      notReadyReason: 'break' as const,
      commands: {} as never,
      submitConsultation: null,
    };
    expect(await runAction(action, { ...ctx, insertTemplate: null })).toBe(false);
    expect(await runAction(action, { ...ctx, insertTemplate: () => void inserted++ })).toBe(true);
    expect(inserted).toBe(1);
  });
});
