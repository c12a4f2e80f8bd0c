import type { DoorLimits } from '../core/door';
import { QUEUE_IDS, type QueueId, STASIS_APP, isProduction } from '@cc1357/contracts';
import { z } from 'zod';
import type { QueueWaitSettings } from '../core/queue-announce';
import { productionProblems } from './productionSecrets';

/**
 * Telephony's configuration, parsed once from the environment. A bad environment fails with one
 * message naming every bad variable; nothing else reads `process.env`.
 */
const seconds = (fallback: number) => z.coerce.number().positive().max(3600).default(fallback);

/** After-call work per queue, seconds: queue → seconds (only the queues that differ from WRAP_UP_SECONDS). */
export type WrapUpSecondsByQueue = Partial<Record<QueueId, number>>;

/**
 * Parses `ACW_SECONDS_BY_QUEUE` (`fund:60,export:30`): each entry a known queue and whole seconds
 * 0–3600, each queue once. Returns the map or the problems, one per bad entry (pure; for the schema).
 */
export function parseAcwSecondsByQueue(
  text: string,
): { ok: true; value: WrapUpSecondsByQueue } | { ok: false; problems: string[] } {
  const value: WrapUpSecondsByQueue = {};
  const problems: string[] = [];
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const match = /^([A-Za-z]+)\s*:\s*(\d+)$/.exec(entry);
    if (!match) {
      problems.push(`"${entry}" is not queue:seconds (e.g. fund:60)`);
      continue;
    }
    const queue = match[1] as QueueId;
    const secs = Number(match[2]);
    if (!(QUEUE_IDS as readonly string[]).includes(queue))
      problems.push(`"${match[1]}" is not a queue (one of ${QUEUE_IDS.join(', ')})`);
    else if (secs > 3600) problems.push(`${queue}: ${secs} seconds is more than 3600`);
    else if (value[queue] !== undefined) problems.push(`${queue} is given twice`);
    else value[queue] = secs;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

/**
 * Parses a `queue:value` list (`fund:general,export:general`, `fund:300`): each entry a known queue
 * once, its value read by `read` (the value, or the problem with it). Pure; for the schema.
 */
export function parseQueueList<T>(
  text: string,
  read: (raw: string, queue: QueueId) => { ok: true; value: T } | { ok: false; problem: string },
): { ok: true; value: Partial<Record<QueueId, T>> } | { ok: false; problems: string[] } {
  const value: Partial<Record<QueueId, T>> = {};
  const problems: string[] = [];
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z]+)\s*:\s*(\S+)$/.exec(entry);
    if (!match) {
      problems.push(`"${entry}" is not queue:value`);
      continue;
    }
    const queue = match[1] as QueueId;
    if (!(QUEUE_IDS as readonly string[]).includes(queue)) {
      problems.push(`"${match[1]}" is not a queue (one of ${QUEUE_IDS.join(', ')})`);
      continue;
    }
    if (value[queue] !== undefined) {
      problems.push(`${queue} is given twice`);
      continue;
    }
    const read1 = read(match[2]!, queue);
    if (read1.ok) value[queue] = read1.value;
    else problems.push(`${queue}: ${read1.problem}`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

/** Whole seconds 1–86400 of a `queue:seconds` entry (a maximum wait). */
const readMaxWait = (raw: string): { ok: true; value: number } | { ok: false; problem: string } => {
  const secs = /^\d+$/.test(raw) ? Number(raw) : NaN;
  return secs >= 1 && secs <= 86_400
    ? { ok: true, value: secs }
    : { ok: false, problem: `"${raw}" is not whole seconds 1–86400` };
};

/** Another known queue as an overflow target. */
const readOverflow = (raw: string, from: QueueId): { ok: true; value: QueueId } | { ok: false; problem: string } => {
  if (!(QUEUE_IDS as readonly string[]).includes(raw))
    return { ok: false, problem: `"${raw}" is not a queue (one of ${QUEUE_IDS.join(', ')})` };
  if (raw === from) return { ok: false, problem: 'cannot overflow to itself' };
  return { ok: true, value: raw as QueueId };
};

/** A schema field of a `queue:value` list (empty = none). */
const queueList = <T>(read: Parameters<typeof parseQueueList<T>>[1]) =>
  z
    .string()
    .default('')
    .transform((text, ctx) => {
      const parsed = parseQueueList(text, read);
      if (parsed.ok) return parsed.value;
      for (const problem of parsed.problems) ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    });

/** The after-call work of a call in `queue` (null: outbound or unknown): the queue's own, else the default. */
export function wrapUpSecondsFor(
  queue: string | null | undefined,
  fallback: number,
  byQueue?: WrapUpSecondsByQueue,
): number {
  const own = queue ? byQueue?.[queue as QueueId] : undefined;
  return own ?? fallback;
}

export const ConfigSchema = z
  .object({
    ARI_URL: z.string().url(),
    ARI_USERNAME: z.string().min(1),
    ARI_PASSWORD: z.string().min(1),
    ARI_APP: z.string().min(1).max(80).default(STASIS_APP),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z.string().max(100).default('cc1357:'),
    CRM_API_URL: z.string().url(),
    // Development/test: one HMAC secret for both directions. Production: AUTH_PUBLIC_KEY (crm-api's,
    // verifies console tokens) and TELEPHONY_PRIVATE_KEY (signs this service's own tokens).
    AUTH_SECRET: z.string().min(16, 'AUTH_SECRET must be at least 16 characters').optional(),
    AUTH_PUBLIC_KEY: z.string().min(1).optional(),
    TELEPHONY_PRIVATE_KEY: z.string().min(1).optional(),
    /** Comma-separated browser origins allowed on the socket (e.g. https://console.example.kr). */
    CONSOLE_ORIGINS: z.string().optional(),
    /** How often connected consoles' sessions are re-checked with crm-api (ms). */
    SESSION_CHECK_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
    TELEPHONY_PORT: z.coerce.number().int().min(0).max(65535).default(4200),
    TELEPHONY_HOST: z.string().default('0.0.0.0'),
    /** Prometheus `/metrics` on its own port (absent = not served); never on the public port. */
    METRICS_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(65535).optional()),
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    PHONE_DRIVER: z.enum(['sim', 'sip']).default('sip'),
    PBX_SIM_CONTROL_URL: z.string().url().optional(),
    FLOWS_DIR: z.string().min(1).optional(),
    RING_TIMEOUT_SECONDS: seconds(15),
    PARTNER_DIAL_TEMPLATE: z
      .string()
      .includes('{number}', { message: 'must contain {number}' })
      .default('PJSIP/{number}'),
    PARTNER_RING_TIMEOUT_SECONDS: seconds(30),
    WRAP_UP_SECONDS: z.coerce.number().min(0).max(3600).default(10),
    /** After-call work per queue (`fund:60,export:30`); queues not named use WRAP_UP_SECONDS. */
    ACW_SECONDS_BY_QUEUE: z
      .string()
      .default('')
      .transform((text, ctx) => {
        const parsed = parseAcwSecondsByQueue(text);
        if (parsed.ok) return parsed.value;
        for (const problem of parsed.problems) ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }),
    AGENT_DISCONNECT_GRACE_SECONDS: seconds(30),
    IVR_ALWAYS_OPEN: z.enum(['true', 'false']).default('false'),
    /** Whether counselors see that a supervisor is listening / whispering / barging (issue 13 §4). */
    MONITOR_INDICATOR: z.enum(['true', 'false']).default('false'),
    /** Admission control (issue 15): most callers waiting in one queue; the next gets the overflow path. Absent = no limit. */
    ADMISSION_MAX_QUEUE_DEPTH: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.coerce.number().int().min(1).max(1_000_000).optional(),
    ),
    /** Admission control: longest estimated wait (seconds) a new caller is queued for. Absent = no limit. */
    ADMISSION_MAX_WAIT_SECONDS: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.coerce.number().int().min(1).max(86_400).optional(),
    ),
    /**
     * The door (issue 15): event-loop delay (ms, p99 each second) above which this process refuses
     * new callers until it is back under half of it. Absent = never refuse (core/door.ts).
     */
    ADMISSION_MAX_EVENT_LOOP_DELAY_MS: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.coerce.number().int().min(20).max(60_000).optional(),
    ),
    /**
     * The door's arrival limit (issue 15): most new callers taken per second on this process; the
     * rest are refused at the door (congestion). Absent = no limit (core/door.ts).
     */
    ADMISSION_MAX_CALLS_PER_SECOND: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.coerce.number().int().min(1).max(100_000).optional(),
    ),
    /** Seconds between a queued caller's announcements (place, estimated wait, `*` for a call back); 0 = none. */
    QUEUE_ANNOUNCE_SECONDS: z.coerce.number().int().min(0).max(3600).default(45),
    /** Maximum wait of every queue (seconds); absent = none. QUEUE_MAX_WAIT_SECONDS_BY_QUEUE overrides per queue. */
    QUEUE_MAX_WAIT_SECONDS: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.coerce.number().int().min(1).max(86_400).optional(),
    ),
    /** Maximum wait per queue (`fund:300,export:600`). */
    QUEUE_MAX_WAIT_SECONDS_BY_QUEUE: queueList(readMaxWait),
    /** Where a queue's callers go at its maximum wait (`fund:general`); a queue not named offers a call back. */
    QUEUE_OVERFLOW_BY_QUEUE: queueList(readOverflow),
    /** Average handle time (talk + wrap-up, seconds) the wait estimate assumes until a queue's calls teach it. */
    HANDLE_TIME_PRIOR_SECONDS: z.coerce.number().min(0).max(86_400).default(180),
    /**
     * How far V8 lets the old generation grow past what the last full collection kept, in percent
     * (app/heap-policy.ts); 0 = V8's own policy, which lets it reach 4× the live heap.
     */
    HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(300).default(50),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.PHONE_DRIVER === 'sim' && !env.PBX_SIM_CONTROL_URL) {
      ctx.addIssue({ code: 'custom', path: ['PBX_SIM_CONTROL_URL'], message: 'required when PHONE_DRIVER=sim' });
    }
    if (!env.AUTH_PUBLIC_KEY && !env.AUTH_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_PUBLIC_KEY'],
        message: 'is required (or AUTH_SECRET, a development HMAC secret)',
      });
    if (!env.TELEPHONY_PRIVATE_KEY && !env.AUTH_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['TELEPHONY_PRIVATE_KEY'],
        message: 'is required (or AUTH_SECRET, a development HMAC secret)',
      });
  });

export interface TelephonyConfig {
  ari: { url: string; username: string; password: string; app: string };
  redis: { url: string; prefix: string };
  crmApiUrl: string;
  /** Verifies console tokens: crm-api's PEM public key, or the development HMAC secret. */
  authSecret: string;
  /** Signs telephony's own service tokens for crm-api: its PEM private key; default authSecret (development). */
  serviceKey?: string;
  /** Browser origins allowed on the socket; absent = any (development only: production requires it). */
  consoleOrigins?: string[];
  /** How often connected consoles' sessions are re-checked with crm-api (ms; default 5000). */
  sessionCheckMs?: number;
  port: number;
  host: string;
  /** Where `/metrics` is served (its own listener); absent = not served. */
  metrics?: { port: number; host: string };
  phoneDriver: { kind: 'sim'; controlUrl: string } | { kind: 'sip' };
  flowsDir: string | null;
  ringTimeoutSeconds: number;
  wrapUpSeconds: number;
  /** After-call work of the queues that differ from `wrapUpSeconds` (ACW_SECONDS_BY_QUEUE). */
  wrapUpSecondsByQueue: WrapUpSecondsByQueue;
  /** How long an agent's console may be gone (a reload, a network blip) before they go Not ready. */
  agentDisconnectGraceSeconds: number;
  /** Dial string of a partner center; `{number}` = the center's number as digits (e.g. `PJSIP/{number}@partner-trunk`). */
  partnerDialTemplate: string;
  partnerRingTimeoutSeconds: number;
  /** Ignore business hours in the IVR (demo). */
  ivrAlwaysOpen: boolean;
  /** Counselors are shown when a supervisor monitors their call. */
  monitorIndicator: boolean;
  /** Above these a new caller gets the overflow path instead of the queue (each absent = no limit). */
  admission: { maxQueueDepth?: number; maxWaitSeconds?: number };
  /** New callers refused while this process falls behind (each absent = never). */
  door: DoorLimits;
  /** Queue announcements and the maximum wait (core/queue-announce). */
  queueWait: QueueWaitSettings;
  /** Handle time (seconds) the IVR's wait estimate assumes for a queue none of whose calls ended yet. */
  handleTimePriorSeconds: number;
  /** V8's old-generation growth past the live heap, percent; 0 = V8's own (app/heap-policy.ts). */
  heapGrowingPercent: number;
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
  if (isProduction(env)) {
    const problems = productionProblems(env);
    if (problems.length > 0)
      throw new ConfigError(
        `invalid telephony configuration for production (NODE_ENV=production):\n${problems.map((p) => `  ${p}`).join('\n')}`,
      );
  }
  const origins = e.CONSOLE_ORIGINS?.split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  return {
    ari: {
      url: e.ARI_URL.replace(/\/+$/, '').replace(/\/ari$/, ''),
      username: e.ARI_USERNAME,
      password: e.ARI_PASSWORD,
      app: e.ARI_APP,
    },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
    crmApiUrl: e.CRM_API_URL.replace(/\/+$/, ''),
    authSecret: (e.AUTH_PUBLIC_KEY ?? e.AUTH_SECRET)!,
    serviceKey: (e.TELEPHONY_PRIVATE_KEY ?? e.AUTH_SECRET)!,
    ...(origins && origins.length > 0 ? { consoleOrigins: origins } : {}),
    sessionCheckMs: e.SESSION_CHECK_MS,
    port: e.TELEPHONY_PORT,
    host: e.TELEPHONY_HOST,
    ...(e.METRICS_PORT !== undefined ? { metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST } } : {}),
    phoneDriver:
      e.PHONE_DRIVER === 'sim'
        ? { kind: 'sim', controlUrl: (e.PBX_SIM_CONTROL_URL ?? '').replace(/\/+$/, '') }
        : { kind: 'sip' },
    flowsDir: e.FLOWS_DIR ?? null,
    ringTimeoutSeconds: e.RING_TIMEOUT_SECONDS,
    wrapUpSeconds: e.WRAP_UP_SECONDS,
    wrapUpSecondsByQueue: e.ACW_SECONDS_BY_QUEUE,
    agentDisconnectGraceSeconds: e.AGENT_DISCONNECT_GRACE_SECONDS,
    partnerDialTemplate: e.PARTNER_DIAL_TEMPLATE,
    partnerRingTimeoutSeconds: e.PARTNER_RING_TIMEOUT_SECONDS,
    ivrAlwaysOpen: e.IVR_ALWAYS_OPEN === 'true',
    monitorIndicator: e.MONITOR_INDICATOR === 'true',
    admission: {
      ...(e.ADMISSION_MAX_QUEUE_DEPTH !== undefined ? { maxQueueDepth: e.ADMISSION_MAX_QUEUE_DEPTH } : {}),
      ...(e.ADMISSION_MAX_WAIT_SECONDS !== undefined ? { maxWaitSeconds: e.ADMISSION_MAX_WAIT_SECONDS } : {}),
    },
    door: {
      ...(e.ADMISSION_MAX_EVENT_LOOP_DELAY_MS !== undefined
        ? { maxEventLoopDelayMs: e.ADMISSION_MAX_EVENT_LOOP_DELAY_MS }
        : {}),
      ...(e.ADMISSION_MAX_CALLS_PER_SECOND !== undefined
        ? { maxCallsPerSecond: e.ADMISSION_MAX_CALLS_PER_SECOND }
        : {}),
    },
    handleTimePriorSeconds: e.HANDLE_TIME_PRIOR_SECONDS,
    queueWait: {
      announceSeconds: e.QUEUE_ANNOUNCE_SECONDS,
      maxWaitSeconds: {
        ...(e.QUEUE_MAX_WAIT_SECONDS !== undefined
          ? Object.fromEntries(QUEUE_IDS.map((q) => [q, e.QUEUE_MAX_WAIT_SECONDS]))
          : {}),
        ...e.QUEUE_MAX_WAIT_SECONDS_BY_QUEUE,
      },
      overflowTo: e.QUEUE_OVERFLOW_BY_QUEUE,
    },
    heapGrowingPercent: e.HEAP_GROWING_PERCENT,
    logLevel: e.LOG_LEVEL,
  };
}
