import { STASIS_APP } from '@cc1357/contracts';
import { z } from 'zod';

/**
 * Telephony's configuration, parsed once from the environment. A bad environment fails with one
 * message naming every bad variable; nothing else reads `process.env`.
 */
const seconds = (fallback: number) => z.coerce.number().positive().max(3600).default(fallback);

export const ConfigSchema = z
  .object({
    ARI_URL: z.string().url(),
    ARI_USERNAME: z.string().min(1),
    ARI_PASSWORD: z.string().min(1),
    ARI_APP: z.string().min(1).max(80).default(STASIS_APP),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z.string().max(100).default('cc1357:'),
    CRM_API_URL: z.string().url(),
    AUTH_SECRET: z.string().min(16, 'AUTH_SECRET must be at least 16 characters'),
    TELEPHONY_PORT: z.coerce.number().int().min(0).max(65535).default(4200),
    TELEPHONY_HOST: z.string().default('0.0.0.0'),
    PHONE_DRIVER: z.enum(['sim', 'sip']).default('sip'),
    PBX_SIM_CONTROL_URL: z.string().url().optional(),
    FLOWS_DIR: z.string().min(1).optional(),
    RING_TIMEOUT_SECONDS: seconds(15),
    PARTNER_DIAL_TEMPLATE: z.string().includes('{number}', { message: 'must contain {number}' }).default('PJSIP/{number}'),
    PARTNER_RING_TIMEOUT_SECONDS: seconds(30),
    WRAP_UP_SECONDS: z.coerce.number().min(0).max(3600).default(10),
    IVR_ALWAYS_OPEN: z.enum(['true', 'false']).default('false'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.PHONE_DRIVER === 'sim' && !env.PBX_SIM_CONTROL_URL) {
      ctx.addIssue({ code: 'custom', path: ['PBX_SIM_CONTROL_URL'], message: 'required when PHONE_DRIVER=sim' });
    }
  });

export interface TelephonyConfig {
  ari: { url: string; username: string; password: string; app: string };
  redis: { url: string; prefix: string };
  crmApiUrl: string;
  authSecret: string;
  port: number;
  host: string;
  phoneDriver: { kind: 'sim'; controlUrl: string } | { kind: 'sip' };
  flowsDir: string | null;
  ringTimeoutSeconds: number;
  wrapUpSeconds: number;
  /** Dial string of a partner center; `{number}` = the center's number as digits (e.g. `PJSIP/{number}@partner-trunk`). */
  partnerDialTemplate: string;
  partnerRingTimeoutSeconds: number;
  /** Ignore business hours in the IVR (demo). */
  ivrAlwaysOpen: boolean;
  logLevel: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined>): TelephonyConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`invalid telephony configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    ari: { url: e.ARI_URL.replace(/\/+$/, '').replace(/\/ari$/, ''), username: e.ARI_USERNAME, password: e.ARI_PASSWORD, app: e.ARI_APP },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
    crmApiUrl: e.CRM_API_URL.replace(/\/+$/, ''),
    authSecret: e.AUTH_SECRET,
    port: e.TELEPHONY_PORT,
    host: e.TELEPHONY_HOST,
    phoneDriver: e.PHONE_DRIVER === 'sim' ? { kind: 'sim', controlUrl: (e.PBX_SIM_CONTROL_URL ?? '').replace(/\/+$/, '') } : { kind: 'sip' },
    flowsDir: e.FLOWS_DIR ?? null,
    ringTimeoutSeconds: e.RING_TIMEOUT_SECONDS,
    wrapUpSeconds: e.WRAP_UP_SECONDS,
    partnerDialTemplate: e.PARTNER_DIAL_TEMPLATE,
    partnerRingTimeoutSeconds: e.PARTNER_RING_TIMEOUT_SECONDS,
    ivrAlwaysOpen: e.IVR_ALWAYS_OPEN === 'true',
    logLevel: e.LOG_LEVEL,
  };
}
