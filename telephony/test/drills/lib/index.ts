import { ariDropsDrill } from './ari-drops';
import type { DrillFigures, DrillOptions } from './figures';
import { sigkillDrill } from './sigkill';

export type { DrillFigures, DrillOptions } from './figures';

/** The drills in order; each starts and tears down its own center (bench scenario `drills`). */
const DRILLS: Record<string, (opts: DrillOptions) => Promise<DrillFigures>> = {
  'telephony-sigkill': sigkillDrill,
  'ari-socket-drops': ariDropsDrill,
};

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
