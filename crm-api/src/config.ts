import { isProduction } from '@cc1357/contracts';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { partnerCenters, PartnerConfigError, type PartnerCenters } from './domain/partnerCenters';
import { productionProblems } from './productionSecrets';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const EnvSchema = z.object({
  DATABASE_URL: z.string({ error: 'is required' }).regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  // Development/test: one HMAC secret. Production: AUTH_PRIVATE_KEY (see productionSecrets.ts).
  AUTH_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  AUTH_PRIVATE_KEY: z.string().optional(),
  TELEPHONY_PUBLIC_KEY: z.string().optional(),
  CRM_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  CRM_HOST: z.string().min(1).default('0.0.0.0'),
  // Prometheus `/metrics` on its own port (unset = not served); never on the API's port.
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(28800),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  READ_AUDIT_COMMIT: z.enum(['async', 'sync']).default('async'),
  // Read the screen pop's tables and indexes into memory at start (db/prewarm.ts).
  POP_PREWARM: z.enum(['on', 'off']).default('on'),
  // A JSON file of partner centers' dial strings, hours, webhook URLs and shared secrets (domain/partnerCenters.ts).
  PARTNER_CENTERS_FILE: z.string().optional(),
  // Call recordings (issue 13): where finalised files live, how long, and the PBX they come from.
  RECORDINGS_DIR: z.string().min(1).default('var/recordings'),
  RECORDING_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  RECORDING_URL_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  PBX_ARI_URL: z.url('must be an http(s) URL').optional(),
  PBX_ARI_USERNAME: z.string().min(1).optional(),
  PBX_ARI_PASSWORD: z.string().min(1).optional(),
});

export interface CrmConfig {
  databaseUrl: string;
  /** Parsed now, used by the BullMQ workers that come later. */
  redisUrl: string;
  /** What signs and verifies user tokens: a PEM Ed25519 private key, or a development HMAC secret. */
  authSecret: string;
  /** PEM public key of telephony's service tokens (present only when set). */
  servicePublicKey?: string;
  port: number;
  host: string;
  /** Where `/metrics` is served (its own listener); absent = not served. */
  metrics?: { port: number; host: string };
  tokenTtlSeconds: number;
  logLevel: (typeof LOG_LEVELS)[number];
  /** How read-access audit rows commit: `async` (default) or `sync` (docs/decisions/0005). */
  readAuditCommit: 'async' | 'sync';
  /** Read the screen pop's relations into the page cache at start (POP_PREWARM, default on). */
  popPrewarm: boolean;
  /** The partner centers from PARTNER_CENTERS_FILE (present only when set; else the nine with defaults, no webhooks). */
  partners?: PartnerCenters;
  /** Directory of finalised call recordings (created 0700). */
  recordingsDir: string;
  recordingRetentionDays: number;
  recordingUrlTtlSeconds: number;
  /** The PBX's ARI (to download finished recordings); absent → recordings are not finalised. */
  pbxAri?: { url: string; username: string; password: string };
}

function loadPartners(file: string): PartnerCenters {
  try {
    return partnerCenters(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    const why = err instanceof PartnerConfigError ? err.message : `cannot read ${file}: ${(err as Error).message}`;
    throw new ConfigError(`crm-api configuration is invalid:\n  PARTNER_CENTERS_FILE: ${why}`);
  }
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
  const problems = isProduction(cleaned) ? productionProblems(cleaned) : [];
  const authSecret = e.AUTH_PRIVATE_KEY ?? e.AUTH_SECRET;
  if (!authSecret && problems.length === 0)
    problems.push('AUTH_PRIVATE_KEY: is required (or AUTH_SECRET, a development HMAC secret)');
  const ariParts = [e.PBX_ARI_URL, e.PBX_ARI_USERNAME, e.PBX_ARI_PASSWORD].filter((v) => v !== undefined).length;
  if (ariParts > 0 && ariParts < 3)
    problems.push('PBX_ARI_URL, PBX_ARI_USERNAME, PBX_ARI_PASSWORD: set all three or none');
  if (problems.length > 0 || !authSecret) {
    throw new ConfigError(
      `crm-api configuration is invalid${isProduction(cleaned) ? ' for production (NODE_ENV=production)' : ''}:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  }
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    authSecret,
    ...(e.TELEPHONY_PUBLIC_KEY ? { servicePublicKey: e.TELEPHONY_PUBLIC_KEY } : {}),
    port: e.CRM_PORT,
    host: e.CRM_HOST,
    ...(e.METRICS_PORT !== undefined ? { metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST } } : {}),
    tokenTtlSeconds: e.TOKEN_TTL_SECONDS,
    logLevel: e.LOG_LEVEL,
    readAuditCommit: e.READ_AUDIT_COMMIT,
    popPrewarm: e.POP_PREWARM === 'on',
    ...(e.PARTNER_CENTERS_FILE ? { partners: loadPartners(e.PARTNER_CENTERS_FILE) } : {}),
    recordingsDir: e.RECORDINGS_DIR,
    recordingRetentionDays: e.RECORDING_RETENTION_DAYS,
    recordingUrlTtlSeconds: e.RECORDING_URL_TTL_SECONDS,
    ...(e.PBX_ARI_URL && e.PBX_ARI_USERNAME && e.PBX_ARI_PASSWORD
      ? { pbxAri: { url: e.PBX_ARI_URL, username: e.PBX_ARI_USERNAME, password: e.PBX_ARI_PASSWORD } }
      : {}),
  };
}
