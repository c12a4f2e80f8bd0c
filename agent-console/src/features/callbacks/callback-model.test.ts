import { describe, expect, it } from 'vitest';
import { callbackRequest, defaultDueLocal, dueIso } from './callback-model';

describe('callbacks', () => {
  it('due time typed in KST is sent as the same instant in ISO', () => {
    expect(dueIso('2026-03-03T14:30')).toBe('2026-03-03T05:30:00.000Z');
    expect(dueIso('2026-03-03')).toBeNull();
  });
  it('defaults to the next half-hour slot at least 30 minutes away', () => {
    expect(defaultDueLocal(Date.parse('2026-03-03T01:10:00Z'))).toBe('2026-03-03T11:00'); // 10:10 KST → 11:00
    expect(defaultDueLocal(Date.parse('2026-03-03T01:40:00Z'))).toBe('2026-03-03T11:30'); // 10:40 KST → 11:30
  });
  const msgs = { number: 'bad number', dueAt: 'bad due', past: 'past', closed: 'closed' };
  it('builds the request with digits only and the links', () => {
    const built = callbackRequest(
      { number: '010-1234-5678', queue: 'fund', dueLocal: '2026-03-03T14:30', note: ' 서류 ' },
      { companyId: '3', callId: 'c1' },
      Date.parse('2026-03-03T00:00:00Z'),
      msgs,
    );
    expect(built).toEqual({
      ok: true,
      request: {
        number: '01012345678',
        queue: 'fund',
        dueAt: '2026-03-03T05:30:00.000Z',
        companyId: '3',
        callId: 'c1',
        note: '서류',
      },
    });
  });
  it('refuses a bad number, a missing or past due time', () => {
    const now = Date.parse('2026-03-03T06:00:00Z');
    expect(callbackRequest({ number: '12', queue: 'fund', dueLocal: '', note: '' }, {}, now, msgs)).toEqual({
      ok: false,
      errors: { number: 'bad number', dueAt: 'bad due' },
    });
    expect(
      callbackRequest({ number: '01012345678', queue: 'fund', dueLocal: '2026-03-03T14:30', note: '' }, {}, now, msgs),
    ).toEqual({ ok: false, errors: { dueAt: 'past' } });
  });
});
