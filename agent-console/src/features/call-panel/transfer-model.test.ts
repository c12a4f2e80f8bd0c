import { CallTransferCommandV1, TRANSFER_DRAFT_MAX_BYTES } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { emptyDraft } from '../consultation/draft';
import { targetKey, targetOfKey, transferContextOf } from './transfer-model';

describe('what a transfer carries', () => {
  it('the notes, the chosen category and the non-blank fields of the draft (no idempotency key)', () => {
    const draft = { ...emptyDraft('key-12345678', 'export'), summary: '  수출바우처 문의 ', followUp: '' };
    const context = transferContextOf(draft, '  서류 보완 안내 필요  ');
    expect(context).toEqual({
      notes: '서류 보완 안내 필요',
      category: 'export',
      draft: { category: 'export', summary: '수출바우처 문의', outcome: 'resolved' },
    });
    // What the dialog sends is what telephony accepts.
    expect(
      CallTransferCommandV1.safeParse({ callId: 'c1', target: { kind: 'queue', queue: 'hr' }, context }).success,
    ).toBe(true);
  });

  it('no draft or no category: nulls, and over-long text is cut to the contract limits', () => {
    expect(transferContextOf(null, 'x'.repeat(3_000))).toEqual({
      notes: 'x'.repeat(2_000),
      category: null,
      draft: null,
    });
    const huge = { ...emptyDraft('key-12345678'), summary: '가'.repeat(8_000), followUp: '나'.repeat(8_000) };
    const context = transferContextOf(huge, '');
    expect(context.category).toBeNull();
    expect(new TextEncoder().encode(JSON.stringify(context.draft)).length).toBeLessThanOrEqual(
      TRANSFER_DRAFT_MAX_BYTES,
    );
    expect(context.draft?.summary?.startsWith('가')).toBe(true);
    expect(
      CallTransferCommandV1.safeParse({ callId: 'c1', target: { kind: 'queue', queue: 'hr' }, context }).success,
    ).toBe(true);
  });

  it('targets round-trip through the radio values; unknown ones are nothing', () => {
    expect(targetOfKey(targetKey({ kind: 'queue', queue: 'export' }), ['export', 'hr'])).toEqual({
      kind: 'queue',
      queue: 'export',
    });
    expect(targetOfKey(targetKey({ kind: 'agent', agentId: '1002' }), [])).toEqual({ kind: 'agent', agentId: '1002' });
    expect(targetOfKey('queue:nowhere', ['export'])).toBeNull();
    expect(targetOfKey('', ['export'])).toBeNull();
    expect(targetOfKey('agent:', [])).toBeNull();
  });
});
