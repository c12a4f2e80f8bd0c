import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import { systemScheduler } from '../../clock/scheduler';
import { ConsoleBus } from '../console/bus';
import { CrmClient } from '../crm/client';
import { CallEventOutbox } from '../crm/outbox';
import { LiveState } from '../redis/live-state';
import { AmiMonitor } from './monitor';

/**
 * The AMI watcher as a service of its own (src/ami-main.ts; a compose service next to
 * telephony): it shares Redis (outbox, console bus) with telephony but not its life, so calls
 * the dialplan sends to the fallback queue while telephony is down are still counted.
 */
const AmiWatchEnv = z.object({
  AMI_HOST: z.string().min(1),
  AMI_PORT: z.coerce.number().int().min(1).max(65535).default(5038),
  AMI_USERNAME: z.string().min(1).default('telephony'),
  AMI_SECRET: z.string().min(1),
  // The same list Asterisk's configuration builds its phones from (empty = its default).
  AGENT_EXTENSIONS: z.string().optional(),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().max(100).default('cc1357:'),
  CRM_API_URL: z.string().url(),
  AUTH_SECRET: z.string().min(16, 'AUTH_SECRET must be at least 16 characters'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface AmiWatchConfig {
  ami: { host: string; port: number; username: string; secret: string };
  phones: string[];
  redis: { url: string; prefix: string };
  crmApiUrl: string;
  authSecret: string;
  logLevel: string;
}

/** Parses the environment once; a bad one fails with every bad variable named. */
export function loadAmiWatchConfig(env: Record<string, string | undefined>): AmiWatchConfig {
  const parsed = AmiWatchEnv.safeParse(env);
  if (!parsed.success)
    throw new Error(
      `invalid AMI watcher configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  const e = parsed.data;
  return {
    ami: { host: e.AMI_HOST, port: e.AMI_PORT, username: e.AMI_USERNAME, secret: e.AMI_SECRET },
    phones: (e.AGENT_EXTENSIONS?.trim() || '1001 1002 1003 1004 1005 1006 1007 1008').split(/[\s,]+/),
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
    crmApiUrl: e.CRM_API_URL.replace(/\/+$/, ''),
    authSecret: e.AUTH_SECRET,
    logLevel: e.LOG_LEVEL,
  };
}

export interface AmiWatchHandle {
  monitor: AmiMonitor;
  close(): Promise<void>;
}

export async function startAmiWatch(config: AmiWatchConfig, log: Logger): Promise<AmiWatchHandle> {
  const redis = new Redis(config.redis.url);
  const sub = redis.duplicate();
  redis.on('error', (err) => log.warn({ err: String(err) }, 'redis error'));
  sub.on('error', (err) => log.warn({ err: String(err) }, 'redis (subscriber) error'));
  const state = new LiveState(redis, config.redis.prefix);
  const crm = new CrmClient({
    baseUrl: config.crmApiUrl,
    authSecret: config.authSecret,
    log: log.child({ part: 'crm' }),
  });
  const outbox = new CallEventOutbox({
    state,
    send: (events) => crm.postCallEvents(events),
    log: log.child({ part: 'outbox' }),
    scheduler: systemScheduler,
    owner: `ami@${config.ami.host}:${config.ami.port}`,
  });
  const bus = new ConsoleBus(redis, sub, config.redis.prefix, log.child({ part: 'bus' }));
  const monitor = new AmiMonitor({
    ami: config.ami,
    outbox,
    bus,
    redis,
    prefix: config.redis.prefix,
    phones: config.phones,
    log,
  });
  monitor.start();
  void outbox.flush();
  return {
    monitor,
    async close() {
      await monitor.close();
      await outbox.flush().catch(() => undefined);
      outbox.close();
      sub.disconnect();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
