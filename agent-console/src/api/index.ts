export { createApiClient, queryOf, type ApiClient, type FetchLike, type SearchParams } from './client';
export type { ImportKind } from '@cc1357/contracts';
export { ApiError, asApiError } from './errors';
export { API_ROUTES } from './routes';
export { loadSession, saveSession, clearSession, type Session, type StorageLike } from './session';
