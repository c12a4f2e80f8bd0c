import { partnerWebhookDrill } from '../../../../crm-api/test/drills/lib/partner-webhook';
import { recordingStorageDrill } from '../../../../crm-api/test/drills/lib/recording-storage';
import { ariDropsDrill } from './ari-drops';
import { crmSigkillDrill } from './crm-sigkill';
import type { DrillFigures, DrillOptions } from './figures';
import { pbxKillDrill } from './pbx-kill';
import { pgRestartDrill } from './pg-restart';
import { redisFlushDrill, redisLossDrill, redisPersistentDrill } from './redis-loss';
import { sigkillDrill } from './sigkill';

export type { DrillFigures, DrillOptions } from './figures';

/** The drills in order; each starts and tears down its own center (bench scenario `drills`). */
export const DRILLS: Record<string, (opts: DrillOptions) => Promise<DrillFigures>> = {
  'telephony-sigkill': sigkillDrill,
  'ari-socket-drops': ariDropsDrill,
  'crm-api-sigkill': crmSigkillDrill,
  'postgres-restart': pgRestartDrill,
  // Calls on the dead PBX are cut (reported as calls_cut); their records must still close.
  'pbx-killed': pbxKillDrill,
  // crm-api's own drills live with its tests (they use its test support), same figures.
  'partner-webhook-slow-dead': partnerWebhookDrill,
  'recording-storage-refusing': recordingStorageDrill,
  // Issue 16, "When Redis loses its data": telephony notices and writes back its live state.
  'redis-restart-empty': redisLossDrill,
  'redis-restart-persistent': redisPersistentDrill,
  'redis-flush': redisFlushDrill,
};

/** Drills whose losses are not 0 yet: run and reported, not asserted. */
export const KNOWN_GAPS = new Set<string>([]);

/** Runs every drill one after another; `quick` is the bounded size `npm test` uses. */
export async function runDrills(opts: DrillOptions): Promise<Record<string, DrillFigures>> {
  const figures: Record<string, DrillFigures> = {};
  for (const [name, drill] of Object.entries(DRILLS)) {
    opts.log?.(`drill ${name}: starting`);
    figures[name] = await drill(opts);
    opts.log?.(`drill ${name}: ${JSON.stringify(figures[name])}`);
  }
  return figures;
}
