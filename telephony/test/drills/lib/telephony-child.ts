import { pino } from 'pino';
import { loadConfig } from '../../../src/app/config';
import { startTelephony } from '../../../src/app/wiring';
import { fastScheduler } from '../../../src/clock/scheduler';

/**
 * Telephony in its own process, as production runs it (src/main.ts), but on pbx-sim's fast clock
 * (DRILL_TIME_SCALE) so a drill's rings and wrap-ups take milliseconds. A drill kills it with
 * SIGKILL: no shutdown code runs, exactly like a crash. Prints `READY <url> <node> <metricsUrl or ->` once listening.
 */
const config = loadConfig(process.env);
const log = pino({ name: 'telephony', level: config.logLevel });
process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection (survived)'));
process.on('uncaughtException', (err) => log.error({ err }, 'uncaught exception (survived)'));
// Every process of one drill shares one fast clock (origin DRILL_CLOCK_EPOCH): a restarted
// process's "now" carries on from where the killed one's was, so event times stay in order.
const factor = Number(process.env.DRILL_TIME_SCALE ?? '1');
const epoch = Number(process.env.DRILL_CLOCK_EPOCH ?? Date.now());
const handle = await startTelephony(config, {
  logger: log,
  scheduler: fastScheduler(factor, epoch + (Date.now() - epoch) / factor),
  ivrAlwaysOpen: true,
  tickMs: 50_000,
});
process.stdout.write(`READY ${handle.url} ${handle.node} ${handle.metricsUrl ?? '-'}\n`);
