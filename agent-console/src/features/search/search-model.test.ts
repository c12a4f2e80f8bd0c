import { describe, expect, it } from 'vitest';
import { queryOf } from '../../api';
import { rangeError, searchKind, searchRequests } from './search-model';

describe('search box', () => {
  it.each([
    ['', 'none'],
    ['한빛', 'name'],
    ['(주)한빛전자', 'name'],
    ['1248100998', 'bizRegNo'],
    ['124-81-00998', 'bizRegNo'],
    ['010-1234-5678', 'phone'],
    ['0212345678', 'phone'],
    ['+82 10 1234 5678', 'phone'],
    ['15880800', 'phone'],
    ['2024', 'name'],
  ] as const)('%j is a %s search', (text, kind) => expect(searchKind(text)).toBe(kind));

  it("maps the box and filters onto crm-api's parameters", () => {
    expect(searchRequests({ text: '124-81-00998', from: '', to: '', category: '', mine: false }, '7')).toEqual({
      kind: 'bizRegNo',
      companies: { bizRegNo: '1248100998', limit: '30' },
      consultations: { bizRegNo: '1248100998', limit: '30' },
    });
    expect(
      searchRequests({ text: ' 한빛 ', from: '2026-03-01', to: '2026-03-31', category: 'finance', mine: true }, '7'),
    ).toEqual({
      kind: 'name',
      companies: { q: '한빛', limit: '30' },
      consultations: {
        q: '한빛',
        from: '2026-03-01',
        to: '2026-03-31',
        category: 'finance',
        counselorId: '7',
        limit: '30',
      },
    });
  });
  it('filters alone search consultations only; nothing at all searches nothing', () => {
    expect(searchRequests({ text: '', from: '', to: '', category: 'export', mine: false }, '7')).toEqual({
      kind: 'none',
      companies: null,
      consultations: { category: 'export', limit: '30' },
    });
    expect(searchRequests({ text: '', from: '', to: '', category: '', mine: false }, '7')).toEqual({
      kind: 'none',
      companies: null,
      consultations: null,
    });
  });
  it('a range ending before it starts is an error', () => {
    expect(rangeError({ from: '2026-03-02', to: '2026-03-01' })).toBe(true);
    expect(rangeError({ from: '2026-03-01', to: '' })).toBe(false);
  });
  it('queryOf drops empty values', () => {
    expect(queryOf({ a: '1', b: '', c: undefined, d: '가 나' })).toBe('?a=1&d=%EA%B0%80+%EB%82%98');
    expect(queryOf({})).toBe('');
  });
});
