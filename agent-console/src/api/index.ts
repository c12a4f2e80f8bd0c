export { createApiClient, queryOf, type ApiClient, type FetchLike, type ImportKind, type SearchParams } from './client';
export { ApiError, asApiError } from './errors';
export { API_ROUTES } from './routes';
export { loadSession, saveSession, clearSession, type Session, type StorageLike } from './session';
