import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const EnvSchema = z.object({
  DATABASE_URL: z.string({ error: 'is required' }).regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').default('redis://127.0.0.1:6379'),
  AUTH_SECRET: z.string({ error: 'is required' }).min(16, 'must be at least 16 characters'),
  CRM_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  CRM_HOST: z.string().min(1).default('0.0.0.0'),
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(28800),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  READ_AUDIT_COMMIT: z.enum(['async', 'sync']).default('async'),
});

export interface CrmConfig {
  databaseUrl: string;
  /** Parsed now, used by the BullMQ workers that come later. */
  redisUrl: string;
  authSecret: string;
  port: number;
  host: string;
  tokenTtlSeconds: number;
  logLevel: (typeof LOG_LEVELS)[number];
  /** How read-access audit rows commit: `async` (default) or `sync` (docs/decisions/0005). */
  readAuditCommit: 'async' | 'sync';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the environment once; one error names every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): CrmConfig {
  // Empty strings (VAR= in a .env) mean "not set", so defaults apply.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`crm-api configuration is invalid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    authSecret: e.AUTH_SECRET,
    port: e.CRM_PORT,
    host: e.CRM_HOST,
    tokenTtlSeconds: e.TOKEN_TTL_SECONDS,
    logLevel: e.LOG_LEVEL,
    readAuditCommit: e.READ_AUDIT_COMMIT,
  };
}
