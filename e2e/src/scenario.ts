import { type SampleCallers, seed, seedSampleCallers } from '@cc1357/crm-api';
import { createTestDatabase, type TestDatabase } from '@cc1357/crm-api/testing';
import { startCenter, type Center } from '@cc1357/demo';
import { pino } from 'pino';
import type { Page } from 'playwright-core';
import { type Browser, CHROMIUM_PATH, chromiumAvailable, launchBrowser } from './browser';

/** What every browser scenario shares: whether it can run here, where Redis is, step timeouts, screenshots. */

export const hasChromium = chromiumAvailable();
if (!hasChromium)
  console.warn(`e2e skipped: ${CHROMIUM_PATH} is missing (apt-get install chromium to run the browser scenarios)`);

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const AUTH_SECRET = 'e2e-secret-at-least-16-chars';
/** The longest a single UI step may take before the scenario fails. */
export const STEP_MS = 20_000;

/** Set E2E_SCREENSHOTS=<dir> to keep a picture of each step (for reviewing the layout). */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/**
 * The whole center on a seeded database with the console served, as every scenario runs it:
 * media 10× faster, agents ring long enough for a browser step, a short wrap-up, open all hours.
 */
export function startScenarioCenter(databaseUrl: string): Promise<Center> {
  return startCenter({
    databaseUrl,
    redisUrl: REDIS_URL,
    authSecret: AUTH_SECRET,
    timeScale: 0.1,
    ringTimeoutSeconds: 60,
    wrapUpSeconds: 2,
    honorBusinessHours: false,
    withConsole: true,
    consolePort: 0,
    logger: pino({ level: 'warn' }),
  });
}

export interface Scenario {
  database: TestDatabase;
  center: Center;
  browser: Browser;
  /** Callers the seed knows (`known`), shares between companies (`shared`) or never saw. */
  samples: SampleCallers;
  /** Browser, center, database — whatever was started, in that order. */
  close(): Promise<void>;
}

/**
 * What every browser scenario starts from: a throwaway database seeded with `companies`
 * (seed 1357, so screens are the same each run), the whole center on it, and a browser.
 */
export async function startScenario(o: {
  companies: number;
  sampleCallers?: number;
  width?: number;
  height?: number;
}): Promise<Scenario> {
  const started: Partial<Scenario> = {};
  const close = async () => {
    await started.browser?.close();
    await started.center?.close();
    await started.database?.drop();
  };
  try {
    const database = (started.database = await createTestDatabase());
    await seed(database.url, { companies: o.companies, seed: 1357 });
    const samples = await seedSampleCallers(database.url, o.sampleCallers ?? 0);
    const center = (started.center = await startScenarioCenter(database.url));
    const browser = (started.browser = await launchBrowser({ width: o.width, height: o.height }));
    return { database, center, browser, samples, close };
  } catch (err) {
    await close();
    throw err;
  }
}
