import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import type { CrmConfig } from './config';
import { createPool } from './db/pool';
import { createApp } from './http/app';

export interface CrmApiHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}

export type StartOptions = Pick<CrmConfig, 'databaseUrl' | 'authSecret'> &
  Partial<Pick<CrmConfig, 'port' | 'host' | 'tokenTtlSeconds' | 'logLevel'>> & {
    logger?: Logger;
    now?: () => Date;
  };

/**
 * Serves crm-api on a port (0 = ephemeral) with its own pool. Migrations are not run here:
 * main.ts runs them first, tests use createTestDatabase() which is already migrated.
 */
export async function startCrmApi(config: StartOptions): Promise<CrmApiHandle> {
  const logger = config.logger ?? pino({ level: config.logLevel ?? 'info', base: { service: 'crm-api' } });
  const db = createPool(config.databaseUrl);
  const app = createApp({ db, authSecret: config.authSecret, tokenTtlSeconds: config.tokenTtlSeconds ?? 28800, logger, ...(config.now ? { now: config.now } : {}) });
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
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive sockets of finished requests would hold close() open.
          server.closeIdleConnections();
        });
        await db.end();
      })();
      return closing;
    },
  };
}
