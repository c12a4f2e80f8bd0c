import type { TokenClaims } from '@cc1357/contracts';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { CatalogueCache } from './catalogue';

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
  log: Logger;
  now: () => Date;
  /** The day's open program catalogue, shared by pops and recommendations (services/catalogue). */
  catalogue: CatalogueCache;
  authSecret: string;
  tokenTtlSeconds: number;
  /** SMS hand-off to BullMQ; absent when crm-api runs without Redis (messages wait in the outbox). */
  sms?: { enqueue(id: string): Promise<boolean> } | undefined;
}

/** The caller of a request, from its verified token. */
export type Actor = TokenClaims;
