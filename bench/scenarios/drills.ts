import { KNOWN_GAPS, runDrills } from '../../telephony/test/drills/lib/index';
import type { Scenario } from '../types';

/**
 * `drills` (issue 17 §2): the failure drills `npm test` runs bounded (telephony/test/drills,
 * crm-api/test/drills), here at their bigger size unless `--quick`. Figures stay flat like every
 * scenario's: `<drill>.calls_lost`, `.consultations_lost`, `.events_lost`, `.recovery_s`. Drills
 * in KNOWN_GAPS (none today) report what they lose; the detail names them.
 */
export const drills: Scenario = {
  name: 'drills',
  async run(ctx) {
    const byDrill = await runDrills({ quick: ctx.quick, log: ctx.log });
    const figures: Record<string, number> = {};
    for (const [drill, f] of Object.entries(byDrill))
      for (const [key, value] of Object.entries(f)) figures[`${drill}.${key}`] = value;
    return { figures, detail: { knownGaps: [...KNOWN_GAPS] } };
  },
};
