import { parseCallerNumber } from '../domain/phone';
import { AppError } from '../errors';

/**
 * The caller number a relay carries, from counselors and partners alike: none given or withheld is null (the
 * relay still goes), a number that does not parse is a 400 on `callerNumber` rather than a relay nobody can call.
 */
export function relayCallerNumber(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const p = parseCallerNumber(raw);
  if (p.kind === 'invalid')
    throw new AppError('BAD_REQUEST', '입력값을 확인하세요', [{ path: 'callerNumber', message: p.reason }]);
  return p.kind === 'number' ? p.number : null;
}
