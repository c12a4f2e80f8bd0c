import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import type { CrmConfig } from './config';
import { createPool } from './db/pool';
import { createApp, type AppDeps } from './http/app';
import { createSinkGateway, type SmsGateway } from './jobs/smsGateway';
import { startRelayDelivery, type RelayDelivery } from './jobs/relayDelivery';
import { startCrmWorkers, type CrmWorkers } from './jobs/workers';
import { startRecordingJobs, type RecordingJobs } from './jobs/recordings';
import { startStaleCallJob } from './jobs/staleCalls';
import { prewarmPopReads } from './db/prewarm';
import { ariPbxRecordings, type PbxRecordings } from './storage/pbxRecordings';
import { localRecordingStorage } from './storage/recordingStorage';
import { partnerCenters, type PartnerCenters } from './domain/partnerCenters';
import { CrmMetrics } from './metrics/crmMetrics';
import { watchRedis } from './metrics/jobQueues';
import { startMetricsServer } from '@cc1357/contracts/node';

export interface CrmApiHandle {
  url: string;
  port: number;
  /** The BullMQ side (SMS delivery, outbox relay, cohort refresh); null without a redisUrl. */
  workers: CrmWorkers | null;
  /** Relay packages to partner webhooks; null without a redisUrl. */
  relayDelivery: RelayDelivery | null;
  /** `/metrics` (its own listener), when `metrics` was given. */
  metricsUrl: string | null;
  /** The recordings finalise/reconcile/retention jobs; null without a redisUrl, a recordings directory or a PBX. */
  recordingJobs: RecordingJobs | null;
  close(): Promise<void>;
}

export type StartOptions = Pick<CrmConfig, 'databaseUrl' | 'authSecret'> &
  Partial<
    Pick<
      CrmConfig,
      'port' | 'host' | 'tokenTtlSeconds' | 'logLevel' | 'readAuditCommit' | 'servicePublicKey' | 'metrics'
    >
  > &
  Pick<AppDeps, 'loginLimits' | 'sessionCacheMs'> & {
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
    /** Partner centers (default: the nine, no webhooks). */
    partners?: PartnerCenters;
    /** First retry delay of a relay package delivery (default 5000 ms, doubled per attempt). */
    relayBackoffMs?: number;
    /** Attempts before a relay package is a dead letter (default 5). */
    relayAttempts?: number;
    /** Finalised recordings' directory; absent → the recordings endpoints answer 503. */
    recordingsDir?: string;
    recordingRetentionDays?: number;
    recordingUrlTtlSeconds?: number;
    /** The PBX's ARI, where finished recordings are downloaded from. */
    pbxAri?: CrmConfig['pbxAri'];
    /** Or any PBX recordings source (tests). */
    pbxRecordings?: PbxRecordings;
    /** First finalise retry delay (ms, default 2000) and attempts (default 6). */
    recordingBackoffMs?: number;
    recordingAttempts?: number;
    /** Reconcile and retention periods (ms; 0 = not scheduled). */
    recordingReconcileMs?: number;
    /** How often call records left in progress are looked at (ms; default 5 min; 0 = never). */
    staleCallCheckMs?: number;
    /** An open call record whose last event is older than this is closed (ms; default 4 h). */
    staleCallAfterMs?: number;
    /** Warm the screen pop's relations in the background (db/prewarm.ts); off unless asked (main.ts: POP_PREWARM). */
    popPrewarm?: boolean;
    recordingRetentionMs?: number;
  };

/**
 * Serves crm-api on a port (0 = ephemeral) with its own pool. Migrations are not run here:
 * main.ts runs them first, tests use createTestDatabase() which is already migrated.
 */
export async function startCrmApi(config: StartOptions): Promise<CrmApiHandle> {
  const logger = config.logger ?? pino({ level: config.logLevel ?? 'info', base: { service: 'crm-api' } });
  const db = createPool(config.databaseUrl);
  // The pop's pool: telephony waits 3 s for a pop, so PostgreSQL stops at 3 s too.
  const readAuditDb = createPool(config.databaseUrl, 10, {
    asyncCommit: (config.readAuditCommit ?? 'async') === 'async',
    genericPlans: true,
    statementTimeoutMs: 3_000,
  });
  // Reports scan the day: two connections of their own, stopped when their caller gives up.
  const reportsDb = createPool(config.databaseUrl, 2, { statementTimeoutMs: 3_000 });
  // Login attempt counters: losing the last few to a crash is harmless, waiting on a WAL flush per guess is not.
  const loginDb = createPool(config.databaseUrl, 3, { asyncCommit: true });
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
  const partners = config.partners ?? partnerCenters();
  const relayDelivery = config.redisUrl
    ? startRelayDelivery({
        db,
        redisUrl: config.redisUrl,
        prefix: config.queuePrefix ?? 'cc1357',
        partners,
        log: logger,
        now,
        ...(config.relayBackoffMs !== undefined ? { backoffMs: config.relayBackoffMs } : {}),
        ...(config.relayAttempts !== undefined ? { attempts: config.relayAttempts } : {}),
      })
    : null;
  // Metrics and readiness: Redis is watched on a connection of its own (PING, BullMQ job counts).
  const metrics = new CrmMetrics();
  const redisWatch = config.redisUrl
    ? watchRedis({ redisUrl: config.redisUrl, prefix: config.queuePrefix ?? 'cc1357' })
    : null;
  metrics.readFrom({
    jobs: redisWatch,
    pools: { main: db, readAudit: readAuditDb, reports: reportsDb, login: loginDb },
  });
  const storage = config.recordingsDir ? localRecordingStorage(config.recordingsDir) : null;
  const pbx = config.pbxRecordings ?? (config.pbxAri ? ariPbxRecordings(config.pbxAri) : null);
  const retentionDays = config.recordingRetentionDays ?? 365;
  const recordingJobs =
    config.redisUrl && storage && pbx
      ? startRecordingJobs({
          db,
          redisUrl: config.redisUrl,
          prefix: config.queuePrefix ?? 'cc1357',
          storage,
          pbx,
          log: logger,
          now,
          retentionDays,
          ...(config.recordingBackoffMs !== undefined ? { backoffMs: config.recordingBackoffMs } : {}),
          ...(config.recordingAttempts !== undefined ? { attempts: config.recordingAttempts } : {}),
          ...(config.recordingReconcileMs !== undefined ? { reconcileEveryMs: config.recordingReconcileMs } : {}),
          ...(config.recordingRetentionMs !== undefined ? { retentionEveryMs: config.recordingRetentionMs } : {}),
        })
      : null;
  if (storage && !recordingJobs) logger.warn('recordings are not finalised here (needs Redis and PBX_ARI_URL)');
  const app = createApp({
    metrics,
    ...(redisWatch ? { readiness: { redis: () => redisWatch.ping() } } : {}),
    db,
    readAuditDb,
    reportsDb,
    loginDb,
    authSecret: config.authSecret,
    tokenTtlSeconds: config.tokenTtlSeconds ?? 28800,
    logger,
    now,
    ...(config.servicePublicKey ? { servicePublicKey: config.servicePublicKey } : {}),
    ...(config.loginLimits ? { loginLimits: config.loginLimits } : {}),
    ...(config.sessionCacheMs !== undefined ? { sessionCacheMs: config.sessionCacheMs } : {}),
    ...(workers ? { sms: { enqueue: workers.enqueue } } : {}),
    partners,
    ...(relayDelivery ? { relayDelivery: { enqueue: relayDelivery.enqueue } } : {}),
    ...(storage
      ? {
          recordings: {
            storage,
            retentionDays,
            urlTtlSeconds: config.recordingUrlTtlSeconds ?? 300,
            enqueueFinalise: recordingJobs?.enqueueFinalise,
          },
        }
      : {}),
  });
  // Call records whose end was never reported (Redis lost the live call, a process died with it).
  const staleCallCheckMs = config.staleCallCheckMs ?? 300_000;
  const staleCalls =
    staleCallCheckMs > 0
      ? startStaleCallJob({
          db,
          log: logger,
          now,
          everyMs: staleCallCheckMs,
          staleAfterMs: config.staleCallAfterMs ?? 4 * 3600_000,
        })
      : null;
  // The pop's tables and indexes into memory, while requests are served.
  const prewarm = config.popPrewarm
    ? prewarmPopReads(config.databaseUrl, (progress) => logger.info(progress, 'warming the screen pop relations'))
    : null;
  void prewarm?.done.then(
    (result) =>
      result.state === 'done'
        ? logger.info(result, 'screen pop relations warmed')
        : logger.info(result, 'screen pop relations not warmed'),
    (err: unknown) => logger.warn({ err: String(err) }, 'screen pop relations not warmed'),
  );
  const host = config.host ?? '127.0.0.1';
  const server = app.listen(config.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const metricsServer = config.metrics ? await startMetricsServer(metrics, config.metrics) : null;
  logger.info({ port, host, metrics: metricsServer?.url }, 'crm-api listening');
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    workers,
    relayDelivery,
    metricsUrl: metricsServer?.url ?? null,
    recordingJobs,
    close() {
      closing ??= (async () => {
        staleCalls?.close();
        prewarm?.stop();
        await prewarm?.done.catch(() => undefined);
        await Promise.all([
          workers?.close(),
          relayDelivery?.close(),
          recordingJobs?.close(),
          redisWatch?.close(),
          metricsServer?.close(),
        ]);
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive sockets of finished requests would hold close() open.
          server.closeIdleConnections();
        });
        await Promise.all([db.end(), readAuditDb.end(), reportsDb.end(), loginDb.end()]);
      })();
      return closing;
    },
  };
}
