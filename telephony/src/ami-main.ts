import { pino } from 'pino';
import { loadAmiWatchConfig, startAmiWatch } from './adapters/ami/watch';

/**
 * `tsx telephony/src/ami-main.ts`: the AMI watcher (fallback-queue calls → call events, phone
 * registrations → consoles). Its own process, so it keeps counting while telephony is down.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadAmiWatchConfig(process.env);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const log = pino({ name: 'telephony-ami', level: config.logLevel });
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection (survived)'));
  const handle = await startAmiWatch(config, log);
  const stop = () => void handle.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
