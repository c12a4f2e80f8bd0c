import type { LoginLockDto } from '@cc1357/contracts';
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors';
import { LOGIN_LIMITS_TABLE, lockedLoginKeys } from '../repositories/loginLimits';

/**
 * Login attempts counted per account and per client address (rate-limiter-flexible over the
 * `login_limits` table, so every crm-api process shares the counts and admins can list them).
 * An attempt is counted before the password is checked, atomically: of 50 concurrent guesses
 * only the first `attempts` reach the hasher, the rest are answered 429 at once. A success
 * clears its account's count and gives its address point back, so an office behind one address
 * is not locked by its own good logins. Times are the wall clock (the limiter's), not the
 * business clock.
 */
export interface LoginLimitOptions {
  /** Attempts per account within the window before it is locked (default 10). */
  accountAttempts?: number;
  /** Failed attempts per address within the window before it is locked (default 30). */
  addressAttempts?: number;
  /** The counting window (default 15 min). */
  windowSeconds?: number;
  /** How long a lock lasts (default 15 min). */
  lockSeconds?: number;
}

export const LOGIN_LOCKED_MESSAGE = '로그인 시도가 너무 많습니다. 잠시 후 다시 시도하세요';

export interface LoginLimits {
  /** Counts one attempt; throws 429 (with retryAfterSeconds) when the account or address is locked. */
  attempt(username: string, address: string): Promise<void>;
  succeeded(username: string, address: string): Promise<void>;
  locks(): Promise<LoginLockDto[]>;
  /** Lifts one lock; false when there was none. */
  unlock(kind: LoginLockDto['kind'], key: string): Promise<boolean>;
}

/** A 429 that tells the client when to try again (Retry-After). */
export class TooManyAttempts extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', LOGIN_LOCKED_MESSAGE);
  }
}

export function createLoginLimits(db: pg.Pool, options: LoginLimitOptions = {}): LoginLimits {
  const duration = options.windowSeconds ?? 900;
  const blockDuration = options.lockSeconds ?? 900;
  const limits = { account: options.accountAttempts ?? 10, address: options.addressAttempts ?? 30 };
  const limiter = (kind: LoginLockDto['kind']) =>
    new RateLimiterPostgres({
      storeClient: db,
      storeType: 'pool',
      tableName: LOGIN_LIMITS_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: kind,
      points: limits[kind],
      duration,
      blockDuration,
      // A locked key is also remembered in this process: the rest of a flood is refused without
      // a database write each. An admin's unlock clears it here; other processes within the lock time.
      inMemoryBlockOnConsumed: limits[kind] + 1,
      inMemoryBlockDuration: blockDuration,
    });
  const account = limiter('account');
  const address = limiter('address');

  const refused = (err: unknown): never => {
    if (err instanceof RateLimiterRes) throw new TooManyAttempts(Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
    throw err;
  };

  return {
    async attempt(username, ip) {
      // Address first: a flood over many usernames stops there without touching their counts.
      await address.consume(ip).catch(refused);
      await account.consume(username).catch(refused);
    },
    async succeeded(username, ip) {
      await Promise.all([account.delete(username), address.reward(ip)]);
    },
    async locks() {
      const rows = await lockedLoginKeys(db, Date.now(), limits);
      return rows.map((r) => {
        const colon = r.key.indexOf(':');
        const until = Number(r.expire);
        // The attempt over the limit blocked the key for exactly blockDuration: it began that long before it ends.
        return {
          kind: r.key.slice(0, colon) as LoginLockDto['kind'],
          key: r.key.slice(colon + 1),
          attempts: r.points,
          lockedSince: new Date(until - blockDuration * 1000).toISOString(),
          lockedUntil: new Date(until).toISOString(),
        };
      });
    },
    async unlock(kind, key) {
      return (kind === 'account' ? account : address).delete(key);
    },
  };
}
