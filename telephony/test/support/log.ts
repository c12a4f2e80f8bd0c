import { pino } from 'pino';

/** Silent unless TEST_LOG_LEVEL is set (e.g. debug when a scenario misbehaves). */
export const testLog = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
