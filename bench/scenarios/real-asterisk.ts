import { type Center, startCenter } from '../../telephony/test/support/center';
import { type SippPbx, sippPbx } from '../../telephony/test/real/support/sipp-pbx';
import { knob } from '../args';
import { realTierMissing, startLoadTier } from '../harness/real-asterisk-tier';
import { runRamp } from '../harness/sip-ramp';
import type { Scenario } from '../types';

/**
 * `real-asterisk`: what one real Asterisk 22 and one telephony carry here. SIPp is the carrier
 * (one SIPp caller per call, RTP and RFC 4733 digits, from the real tier's TRUNK_HOST) calling
 * 1357 on the Asterisk built at TEST_ASTERISK_PREFIX; SIPp desk phones registered as agents
 * answer; telephony and crm-api run as in the real tier (telephony/test/real: in this process,
 * real time, Redis and PostgreSQL as the tests use them). Each caller hears the notice, presses 1
 * at the main menu (telephony/test/real/support/steps `choose`), waits in the fund queue, talks
 * `--ra-talk-s` seconds once bridged to an agent, and hangs up.
 *
 * The ramp offers `--ra-steps` (calls per second, comma-separated) for `--ra-step-s` seconds each,
 * bounded, and stops at the first step not sustained (judged from telephony's own events in
 * crm-api, harness/load-figures.ts): cps_max = the achieved rate of the highest sustained step,
 * concurrent_max = most calls up at once in the sustained steps, setup_p99_ms = queue.entered →
 * call.connected over them. More agents (`--ra-agents`; by default the top step's rate × (talk +
 * 3 s) × 1.5) than the top step keeps talking, so agents are not the limit. Skipped, with the reason, without the build or SIPp.
 */
export const realAsterisk: Scenario = {
  name: 'real-asterisk',
  async run(ctx) {
    const missing = realTierMissing(ctx.env);
    if (missing) return { skipped: `skipped: ${missing}` };
    const steps = (ctx.flags['ra-steps'] ?? (ctx.quick ? '0.5,1' : '0.5,1,2,3')).split(',').map(Number);
    if (steps.some((s) => !(s > 0 && s <= 10)))
      throw new Error(`--ra-steps: calls per second between 0 and 10, comma-separated (got ${ctx.flags['ra-steps']})`);
    const stepSeconds = knob(ctx, 'ra-step-s', { quick: 10, full: 20 });
    const talkSeconds = knob(ctx, 'ra-talk-s', { quick: 3, full: 5 });
    // Enough phones for the top step's callers in talk, wrap-up (1 s) and ringing, with a margin:
    // with 16 at 3/s and 5 s talk, callers queued for phones (setup p99 11.8 s), not for Asterisk.
    const enough = Math.ceil(Math.max(...steps) * (talkSeconds + 3) * 1.5);
    const agentCount = knob(ctx, 'ra-agents', { quick: Math.max(6, enough), full: Math.max(16, enough) });
    const agents = Array.from({ length: agentCount }, (_, i) => String(1001 + i));

    ctx.log(`real-asterisk: starting Asterisk with ${agentCount} SIPp agent phones`);
    const tier = await startLoadTier(ctx.env, agents);
    let center: Center | null = null;
    let pbx: SippPbx | null = null;
    try {
      pbx = sippPbx(tier);
      const driver = pbx;
      center = await startCenter({ pbx: async () => driver, timeScale: 1, wrapUpSeconds: 1 });
      await center.startTelephony();
      for (const id of agents) {
        const agent = await center.agentConsole(id);
        await agent.command('agent.ready.v1', {});
        await agent.stateBecomes('ready');
      }
      const ramp = await runRamp({
        center,
        pbx: driver,
        steps,
        stepSeconds,
        talkMs: talkSeconds * 1000,
        through: tier.through,
        log: ctx.log,
      });
      return {
        figures: { ...ramp.figures },
        detail: { agents: agentCount, talkSeconds, stepSeconds, steps: ramp.steps, topStepHeld: ramp.topStepHeld },
      };
    } finally {
      await pbx?.endAll().catch(() => undefined);
      await center?.close();
      await tier.close();
    }
  },
};
