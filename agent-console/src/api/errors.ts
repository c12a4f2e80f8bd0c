import { ErrorBody, type ErrorCode, type FieldError } from '@cc1357/contracts';

/**
 * The one error the REST layer throws. It carries the server's code, message and per-field
 * errors; network failures and unreadable answers become UNAVAILABLE / INTERNAL so a
 * component can always show `message`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const FALLBACK_CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  503: 'UNAVAILABLE',
};

/** Builds the ApiError for a non-2xx answer from its status and (maybe) JSON body. */
export function apiErrorOf(status: number, body: unknown): ApiError {
  const parsed = ErrorBody.safeParse(body);
  if (parsed.success) {
    const { code, message, fields } = parsed.data.error;
    return new ApiError(status, code, message, fields ?? []);
  }
  const code = FALLBACK_CODE_OF_STATUS[status] ?? (status >= 500 ? 'UNAVAILABLE' : 'INTERNAL');
  return new ApiError(status, code, `서버 응답 오류 (HTTP ${status})`);
}

export function networkError(cause: unknown): ApiError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new ApiError(0, 'UNAVAILABLE', `서버에 연결할 수 없습니다 (${detail})`);
}

/** Whatever a call threw as an ApiError, so a component can read `status` and `message`. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'INTERNAL', error instanceof Error ? error.message : String(error));
}
