import { CreateConsultationRequest } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { emptyDraft, fieldErrorsToForm, toRequest } from './draft';
import { newIdempotencyKey } from '../../lib/idempotency';

const link = { callId: 'call-1', companyId: 'co-1', callerNumber: '0312345678' };

describe('consultation draft', () => {
  it('a complete draft becomes the contract request, blanks as null', () => {
    const draft = {
      ...emptyDraft('consult-abc12345'),
      category: 'finance' as const,
      summary: '  정책자금 신청 자격 문의 ',
      subCategory: ' ',
      followUp: '',
    };
    const result = toRequest(draft, link);
    expect(result).toEqual({
      ok: true,
      request: {
        idempotencyKey: 'consult-abc12345',
        callId: 'call-1',
        companyId: 'co-1',
        callerNumber: '0312345678',
        category: 'finance',
        subCategory: null,
        summary: '정책자금 신청 자격 문의',
        outcome: 'resolved',
        followUp: null,
      },
    });
  });

  it('missing category and summary are errors next to those fields', () => {
    const result = toRequest(emptyDraft('consult-abc12345'), link, '분야!');
    expect(result).toEqual({ ok: false, errors: { category: '분야!', summary: '상담 내용을 입력하세요' } });
  });

  it('server field errors land next to their fields, unknown paths on the form', () => {
    expect(
      fieldErrorsToForm([
        { path: 'summary', message: '너무 깁니다' },
        { path: 'companyId', message: '없는 기업' },
        { path: '(body)', message: '형식 오류' },
      ]),
    ).toEqual({ summary: '너무 깁니다', form: '없는 기업 형식 오류' });
  });

  it('idempotency keys are long enough for the contract and differ per form', () => {
    let n = 0;
    const key = newIdempotencyKey(() => `fixed-${++n}`);
    expect(key).toBe('consult-fixed-1');
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
    expect(CreateConsultationRequest.shape.idempotencyKey.safeParse(newIdempotencyKey()).success).toBe(true);
  });
});

describe('consultation fields come from the contract', () => {
  it('one input per contract field, limits and required marks read off the schema', async () => {
    const { CONSULTATION_FIELD_NAMES: names, ConsultationFields } = await import('@cc1357/contracts');
    const { FIELD_INPUTS, isRequired, maxLengthOf, requestValuesOf, emptyValues } = await import('./fields');
    expect(Object.keys(FIELD_INPUTS).sort()).toEqual([...names].sort());
    expect(Object.keys(ConsultationFields.shape)).toEqual(names);
    expect(names.filter(isRequired)).toEqual(['category', 'summary']);
    expect(maxLengthOf('summary')).toBe(4000);
    expect(maxLengthOf('subCategory')).toBe(100);
    expect(maxLengthOf('category')).toBeUndefined();
    expect(requestValuesOf({ ...emptyValues('finance'), subCategory: '  ' })).toEqual({
      category: 'finance',
      subCategory: null,
      summary: '',
      outcome: 'resolved',
      followUp: null,
    });
  });
});
