import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { AppError, toAppError } from '../src/errors';

describe('toAppError', () => {
  it.each<[string, unknown, string, number]>([
    ['an AppError passes through', new AppError('NOT_FOUND', 'x'), 'NOT_FOUND', 404],
    ['malformed JSON body', { type: 'entity.parse.failed', status: 400 }, 'BAD_REQUEST', 400],
    ['body too large', { type: 'entity.too.large', status: 413 }, 'BAD_REQUEST', 400],
    ['deadlock → retry later', { code: '40P01' }, 'UNAVAILABLE', 503],
    ['unique violation', { code: '23505' }, 'CONFLICT', 409],
    ['foreign key violation', { code: '23503' }, 'BAD_REQUEST', 400],
    ['NUL in text (data exception)', { code: '22P05' }, 'BAD_REQUEST', 400],
    ['database down', { code: 'ECONNREFUSED' }, 'UNAVAILABLE', 503],
    ['statement timeout (its caller gave up)', { code: '57014' }, 'UNAVAILABLE', 503],
    ['anything else', new Error('secret detail'), 'INTERNAL', 500],
    ['a thrown string', 'boom', 'INTERNAL', 500],
    ['null', null, 'INTERNAL', 500],
  ])('%s', (_label, thrown, code, status) => {
    const e = toAppError(thrown);
    expect(e.code).toBe(code);
    expect(e.status).toBe(status);
    expect(e.message).not.toContain('secret detail');
  });

  it('a zod failure becomes a 400 naming every field', () => {
    const result = z.object({ a: z.string(), b: z.object({ c: z.number() }) }).safeParse({ b: { c: 'x' } });
    expect(result.success).toBe(false);
    const body = AppError.badRequest(result.error!).toBody();
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.fields?.map((f) => f.path)).toEqual(['a', 'b.c']);
  });
});
