import { pino } from 'pino';
import { ConfigError, loadConfig } from './app/config';
import { applyHeapPolicy } from './app/heap-policy';
import { startTelephony } from './app/wiring';

/**
 * `tsx telephony/src/app/main.ts`: reads the environment once, starts, and stays up whatever
 * happens: an unhandled rejection or exception is logged, not fatal (ARI races are normal).
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  applyHeapPolicy(config.heapGrowingPercent);
  const log = pino({ name: 'telephony', level: config.logLevel });
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection (survived)'));
  process.on('uncaughtException', (err) => log.error({ err }, 'uncaught exception (survived)'));
  const handle = await startTelephony(config, { logger: log });
  const stop = () => {
    log.info('shutting down');
    handle.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('telephony failed to start:', err);
  process.exit(1);
});
