import type { Scenario } from '../types';

/**
 * `real-asterisk`: SIPp callers against the real Asterisk 22 test bed (telephony/test/real,
 * TEST_ASTERISK_PREFIX). Skipped without TEST_ASTERISK_PREFIX. The bounded SIPp load driver
 * (cps_max, concurrent_max, setup_p99_ms) is not built yet: with the prefix set the scenario
 * says so instead of inventing figures.
 */
export const realAsterisk: Scenario = {
  name: 'real-asterisk',
  async run(ctx) {
    const prefix = ctx.env.TEST_ASTERISK_PREFIX?.trim();
    if (!prefix) return { skipped: 'skipped: no TEST_ASTERISK_PREFIX' };
    return { skipped: `skipped: the SIPp load driver is not built yet (TEST_ASTERISK_PREFIX=${prefix})` };
  },
};
