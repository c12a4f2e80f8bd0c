import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { startPbxSim } from '@cc1357/pbx-sim';
import { startCrmApi, type PartnerCenters } from '@cc1357/crm-api';
import { startTelephony, loadConfig as loadTelephonyConfig } from '@cc1357/telephony';
import { promptCatalogue } from '@cc1357/ivr-flows';
import { startConsoleServer } from './console-server';

/**
 * The whole 1357 center in one process, on pbx-sim: the stand-in Asterisk, crm-api,
 * telephony and the console. `npm run demo`, the smoke run and the browser test all start
 * it this way, so what the tests prove is what the demo runs.
 */

export interface CenterOptions {
  databaseUrl: string; // migrated (and seeded) by the caller
  redisUrl: string;
  authSecret: string;
  /** pbx-sim media/ring time scale: 1 = real time. */
  timeScale: number;
  ringTimeoutSeconds: number;
  /** Follow the 09:00–18:00 weekday calendar; off, the demo answers at any hour. */
  honorBusinessHours: boolean;
  wrapUpSeconds: number;
  consolePort?: number; // 0 = any free port
  /** Skip building the console (API-only runs such as the smoke check). */
  withConsole: boolean;
  /** Partner centers for relays (crm-api's `partners`); default: the nine, no webhooks. */
  partners?: PartnerCenters;
  logger: Logger;
}

export interface Center {
  consoleUrl: string | null;
  crmUrl: string;
  telephonyUrl: string;
  /** pbx-sim base URL (ARI under /ari, steering under /control). */
  simUrl: string;
  simUsername: string;
  simPassword: string;
  close(): Promise<void>;
}

const SIM_USER = 'asterisk';
const SIM_PASSWORD = 'asterisk';

export async function startCenter(options: CenterOptions): Promise<Center> {
  const { logger } = options;
  const runId = `${process.pid}-${Date.now().toString(36)}`;
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closer of closers.reverse()) {
      await closer().catch((error: unknown) => logger.warn({ err: error }, 'error while stopping'));
    }
  };
  try {
    const soundDurationsMs = Object.fromEntries(
      promptCatalogue().map((prompt) => [prompt.media.replace(/^sound:/, ''), prompt.durationMs]),
    );
    // Recordings are personal data even in a demo: they live only as long as the center runs.
    const recordingDir = await mkdtemp(path.join(tmpdir(), 'cc1357-recordings-'));
    closers.push(() => rm(recordingDir, { recursive: true, force: true }));
    const sim = await startPbxSim({
      username: SIM_USER,
      password: SIM_PASSWORD,
      timeScale: options.timeScale,
      recordingDir,
      soundDurationsMs,
      logger: logger.child({ service: 'pbx-sim' }),
    });
    closers.push(() => sim.close());

    // crm-api copies finished recordings from the PBX here (its own store, as in production).
    const crmRecordingsDir = await mkdtemp(path.join(tmpdir(), 'cc1357-crm-recordings-'));
    closers.push(() => rm(crmRecordingsDir, { recursive: true, force: true }));
    const crm = await startCrmApi({
      port: 0,
      recordingsDir: crmRecordingsDir,
      pbxAri: { url: sim.url, username: SIM_USER, password: SIM_PASSWORD },
      databaseUrl: options.databaseUrl,
      authSecret: options.authSecret,
      // With Redis, crm-api runs its BullMQ workers (SMS delivery to the demo's sink gateway).
      redisUrl: options.redisUrl,
      // Own queue names per center, so a demo and a test run on one Redis never take each other's jobs.
      queuePrefix: `cc1357-${runId}`,
      ...(options.partners ? { partners: options.partners } : {}),
      logger: logger.child({ service: 'crm-api' }),
    });
    closers.push(() => crm.close());

    const telephonyConfig = loadTelephonyConfig({
      ARI_URL: sim.url,
      ARI_USERNAME: SIM_USER,
      ARI_PASSWORD: SIM_PASSWORD,
      REDIS_URL: options.redisUrl,
      REDIS_PREFIX: `cc1357:${runId}:`,
      CRM_API_URL: crm.url,
      AUTH_SECRET: options.authSecret,
      TELEPHONY_PORT: '0',
      TELEPHONY_HOST: '127.0.0.1',
      IVR_ALWAYS_OPEN: String(!options.honorBusinessHours),
      PHONE_DRIVER: 'sim',
      PBX_SIM_CONTROL_URL: sim.url,
      RING_TIMEOUT_SECONDS: String(options.ringTimeoutSeconds),
      WRAP_UP_SECONDS: String(options.wrapUpSeconds),
      LOG_LEVEL: logger.level,
    });
    const telephony = await startTelephony(telephonyConfig, { logger: logger.child({ service: 'telephony' }) });
    closers.push(() => telephony.close());

    let consoleUrl: string | null = null;
    if (options.withConsole) {
      const consoleServer = await startConsoleServer({
        crmApiUrl: crm.url,
        telephonyUrl: telephony.url,
        port: options.consolePort ?? 0,
      });
      consoleUrl = consoleServer.url;
      closers.push(() => consoleServer.close());
    }

    return {
      consoleUrl,
      crmUrl: crm.url,
      telephonyUrl: telephony.url,
      simUrl: sim.url,
      simUsername: SIM_USER,
      simPassword: SIM_PASSWORD,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
