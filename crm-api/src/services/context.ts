import type { TokenClaims } from '@cc1357/contracts';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { PartnerCenters } from '../domain/partnerCenters';
import type { RecordingStorage } from '../storage/recordingStorage';
import type { CatalogueCache } from './catalogue';
import type { LoginLimits } from './loginLimits';
import type { SessionVersions } from './sessions';

/** What every service gets: the database, a logger and the clock (injected so tests fix time). */
export interface ServiceContext {
  db: pg.Pool;
  /**
   * For reads whose only write is their read-access audit row (the pop, search, recommendations):
   * its sessions commit asynchronously, so a read does not wait for a WAL flush. Every change of
   * data, with its audit row, goes through `db` (docs/decisions/0005). Its sessions also plan
   * prepared statements once (generic plans): run only named statements (`named()`) on it.
   */
  readAuditDb: pg.Pool;
  /**
   * For report queries that scan many rows (today's figures for the wallboard): a small pool of
   * its own with a statement timeout, so reports can never take the connections that pops and
   * writes need. Absent in hand-built contexts: then `db`.
   */
  reportsDb?: pg.Pool;
  log: Logger;
  now: () => Date;
  /** The day's open program catalogue, shared by pops and recommendations (services/catalogue). */
  catalogue: CatalogueCache;
  /** Signs and verifies user tokens: a PEM Ed25519 private key, or a development HMAC secret. */
  authSecret: string;
  tokenTtlSeconds: number;
  /** Session versions (logout, deactivation); absent in hand-built contexts (bench), then tokens are not session-checked. */
  sessions?: SessionVersions;
  /** Login attempt counting and locks; absent in hand-built contexts. */
  loginLimits?: LoginLimits;
  /** SMS hand-off to BullMQ; absent when crm-api runs without Redis (messages wait in the outbox). */
  sms?: { enqueue(id: string): Promise<boolean> } | undefined;
  /** The partner centers as configured (names, hours, webhook and secret); absent in hand-built contexts (the nine, no webhooks). */
  partners?: PartnerCenters;
  /** Relay packages to partners' webhooks through BullMQ; absent without Redis (rows wait, queued). */
  relayDelivery?: { enqueue(id: string, redeliveries: number): Promise<boolean> } | undefined;
  /** Call recordings (issue 13); absent when crm-api runs without a recordings directory. */
  recordings?: RecordingsContext | undefined;
}

export interface RecordingsContext {
  storage: RecordingStorage;
  /** Days a recording is kept (legal holds excepted). */
  retentionDays: number;
  /** Lifetime of a signed play/download URL (s). */
  urlTtlSeconds: number;
  /** Hands a finished PBX recording to the finalise job; absent without Redis (the reconciler re-queues). */
  enqueueFinalise?: ((name: string) => Promise<boolean>) | undefined;
}

/** The caller of a request, from its verified token. */
export type Actor = TokenClaims;
