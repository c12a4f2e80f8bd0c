import { LoginResponse } from '@cc1357/contracts';

/**
 * The login kept in sessionStorage: it survives a reload of this tab but not a closed
 * browser, and another tab logs in on its own (a shared PC at a counselor desk).
 */
const KEY = 'cc1357.session';

export type Session = LoginResponse;

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function loadSession(storage: StorageLike, now: number): Session | null {
  const raw = storage.getItem(KEY);
  if (!raw) return null;
  try {
    const parsed = LoginResponse.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    if (Date.parse(parsed.data.expiresAt) <= now) {
      storage.removeItem(KEY);
      return null;
    }
    return parsed.data;
  } catch {
    return null;
  }
}

export function saveSession(storage: StorageLike, session: Session): void {
  storage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(storage: StorageLike): void {
  storage.removeItem(KEY);
}
