import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import type { CrmConfig } from './config';
import { createPool } from './db/pool';
import { createApp } from './http/app';
import { createSinkGateway, type SmsGateway } from './jobs/smsGateway';
import { startCrmWorkers, type CrmWorkers } from './jobs/workers';

export interface CrmApiHandle {
  url: string;
  port: number;
  /** The BullMQ side (SMS delivery, outbox relay, cohort refresh); null without a redisUrl. */
  workers: CrmWorkers | null;
  close(): Promise<void>;
}

export type StartOptions = Pick<CrmConfig, 'databaseUrl' | 'authSecret'> &
  Partial<Pick<CrmConfig, 'port' | 'host' | 'tokenTtlSeconds' | 'logLevel' | 'readAuditCommit'>> & {
    logger?: Logger;
    now?: () => Date;
    /** Given → SMS and maintenance workers start here and stop in close(). */
    redisUrl?: string;
    /** BullMQ key prefix (default `cc1357`; tests pass a random one). */
    queuePrefix?: string;
    /** SMS carrier adapter; default the sink gateway (rows in `sms_sink`). */
    smsGateway?: SmsGateway;
    /** Outbox relay period (default 5000 ms). */
    relayIntervalMs?: number;
    /** Cohort refresh period (default 6 h; 0 = not scheduled). */
    cohortRefreshMs?: number;
    smsBackoffMs?: number;
  };

/**
 * Serves crm-api on a port (0 = ephemeral) with its own pool. Migrations are not run here:
 * main.ts runs them first, tests use createTestDatabase() which is already migrated.
 */
export async function startCrmApi(config: StartOptions): Promise<CrmApiHandle> {
  const logger = config.logger ?? pino({ level: config.logLevel ?? 'info', base: { service: 'crm-api' } });
  const db = createPool(config.databaseUrl);
  const readAuditDb = createPool(config.databaseUrl, 10, { asyncCommit: (config.readAuditCommit ?? 'async') === 'async', genericPlans: true });
  const now = config.now ?? (() => new Date());
  const workers = config.redisUrl
    ? startCrmWorkers({
        db,
        redisUrl: config.redisUrl,
        prefix: config.queuePrefix ?? 'cc1357',
        gateway: config.smsGateway ?? createSinkGateway(db),
        log: logger,
        now,
        ...(config.relayIntervalMs !== undefined ? { relayIntervalMs: config.relayIntervalMs } : {}),
        ...(config.cohortRefreshMs !== undefined ? { cohortRefreshMs: config.cohortRefreshMs } : {}),
        ...(config.smsBackoffMs !== undefined ? { smsBackoffMs: config.smsBackoffMs } : {}),
      })
    : null;
  const app = createApp({
    db, readAuditDb, authSecret: config.authSecret, tokenTtlSeconds: config.tokenTtlSeconds ?? 28800, logger, now,
    ...(workers ? { sms: { enqueue: workers.enqueue } } : {}),
  });
  const host = config.host ?? '127.0.0.1';
  const server = app.listen(config.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  logger.info({ port, host }, 'crm-api listening');
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    workers,
    close() {
      closing ??= (async () => {
        await workers?.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive sockets of finished requests would hold close() open.
          server.closeIdleConnections();
        });
        await Promise.all([db.end(), readAuditDb.end()]);
      })();
      return closing;
    },
  };
}
