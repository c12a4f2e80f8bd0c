export { createApiClient, type ApiClient, type FetchLike } from './client';
export { ApiError } from './errors';
export { API_ROUTES } from './routes';
export { loadSession, saveSession, clearSession, type Session, type StorageLike } from './session';
