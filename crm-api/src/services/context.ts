import type { TokenClaims } from '@cc1357/contracts';
import type pg from 'pg';
import type { Logger } from 'pino';

/** What every service gets: the database, a logger and the clock (injected so tests fix time). */
export interface ServiceContext {
  db: pg.Pool;
  log: Logger;
  now: () => Date;
  authSecret: string;
  tokenTtlSeconds: number;
  /** SMS hand-off to BullMQ; absent when crm-api runs without Redis (messages wait in the outbox). */
  sms?: { enqueue(id: string): Promise<boolean> } | undefined;
}

/** The caller of a request, from its verified token. */
export type Actor = TokenClaims;
