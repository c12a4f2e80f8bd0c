export {
  createApiClient,
  queryOf,
  type ApiClient,
  type FetchLike,
  type SearchParams,
  type CompanySearchParams,
  type ConsultationSearchParams,
} from './client';
export type { ImportKind } from '@cc1357/contracts';
export { ApiError, asApiError } from './errors';
export { loadSession, saveSession, clearSession, type Session, type StorageLike } from './session';
