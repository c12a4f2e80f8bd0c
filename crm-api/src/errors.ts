import { HTTP_STATUS_OF, fieldErrorsOf, type ErrorBody, type ErrorCode, type FieldError } from '@cc1357/contracts';
import type { z } from 'zod';

/** The one error type of crm-api: a closed code (contracts/errors.ts), a message, maybe fields. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return HTTP_STATUS_OF[this.code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }

  static badRequest(error: z.ZodError, message = '입력값을 확인하세요'): AppError {
    return new AppError('BAD_REQUEST', message, fieldErrorsOf(error));
  }
}

/** Any throw → AppError; unknown errors become INTERNAL without leaking their text. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number; code?: string } | null;
  // body-parser failures (malformed JSON, too large) are the client's fault.
  if (e?.type === 'entity.parse.failed') return new AppError('BAD_REQUEST', '요청 본문이 올바른 JSON이 아닙니다');
  if (e?.type === 'entity.too.large') return new AppError('BAD_REQUEST', '요청 본문이 너무 큽니다');
  if (e && typeof e.status === 'number' && e.status >= 400 && e.status < 500)
    return new AppError('BAD_REQUEST', '잘못된 요청입니다');
  // Concurrent writers tripped over each other (deadlock, serialization): safe to retry.
  if (e?.code === '40P01' || e?.code === '40001') return new AppError('UNAVAILABLE', '잠시 후 다시 시도하세요');
  // Constraint violations the service did not pre-check (a race with a delete, a duplicate).
  if (e?.code === '23505') return new AppError('CONFLICT', '이미 존재하는 항목입니다');
  if (e?.code === '23503' || e?.code === '23514' || e?.code === '23502')
    return new AppError('BAD_REQUEST', '입력값이 제약 조건에 맞지 않습니다');
  // Postgres "data exception" (class 22: a NUL in text, an out-of-range date…) is bad input.
  if (typeof e?.code === 'string' && e.code.startsWith('22'))
    return new AppError('BAD_REQUEST', '입력값을 저장할 수 없습니다');
  // A statement ran past its pool's statement_timeout (its caller has given up by now).
  if (e?.code === '57014')
    return new AppError('UNAVAILABLE', '조회가 너무 오래 걸려 중단했습니다. 잠시 후 다시 시도하세요');
  // Postgres unreachable / shutting down.
  if (e?.code === 'ECONNREFUSED' || e?.code === '57P01' || e?.code === '57P03')
    return new AppError('UNAVAILABLE', '데이터베이스에 연결할 수 없습니다');
  return new AppError('INTERNAL', '서버 오류가 발생했습니다');
}
