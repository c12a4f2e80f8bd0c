import pino from 'pino';
import { ConfigError, loadConfig } from './config';
import { migrate } from './db/migrate';
import { backfillReportFactsAt } from './services/reportFacts';
import { startCrmApi } from './server';

/** Production entry: parse config once, migrate, serve, stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = pino({ level: config.logLevel, base: { service: 'crm-api' } });
  const result = await migrate(config.databaseUrl);
  logger.info({ applied: result.applied, alreadyApplied: result.alreadyApplied.length }, 'migrations done');
  // The report facts of calls stored before migration 027 (none left: one empty query).
  const calls = await backfillReportFactsAt(config.databaseUrl, (done) =>
    logger.info({ done }, 'report facts backfill'),
  );
  if (calls > 0) logger.info({ calls }, 'report facts backfilled');
  const handle = await startCrmApi({ ...config, logger });
  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await handle.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  pino({ base: { service: 'crm-api' } }).fatal({ err }, 'crm-api failed to start');
  process.exit(1);
});
