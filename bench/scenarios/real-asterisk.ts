import { type Center, startCenter, until } from '../../telephony/test/support/center';
import { type SippPbx, sippPbx } from '../../telephony/test/real/support/sipp-pbx';
import { callIdOf, choose } from '../../telephony/test/real/support/steps';
import type { Tier } from '../../telephony/test/real/support/tier';
import { knob } from '../args';
import { pct } from '../harness/floor';
import { type CallTrace, type StepVerdict, judgeStep, maxConcurrent } from '../harness/load-figures';
import { realTierMissing, startLoadTier } from '../harness/real-asterisk-tier';
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
 * call.connected over them. More agents (`--ra-agents`) than the top step keeps talking, so
 * agents are not the limit. Skipped, with the reason, without the build or SIPp.
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
    const agentCount = knob(ctx, 'ra-agents', { quick: 6, full: 16 });
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
      const verdicts: StepVerdict[] = [];
      const kept: CallTrace[] = [];
      let serial = 0;
      for (const cps of steps) {
        const count = Math.max(1, Math.round(cps * stepSeconds));
        ctx.log(`real-asterisk: ${cps} calls/s for ${stepSeconds} s (${count} callers)`);
        const started = Date.now();
        const scripts: Promise<string | null>[] = [];
        const callIds: (string | null)[] = [];
        for (let i = 0; i < count; i++) {
          const wait = started + (i * 1000) / cps - Date.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          const n = serial++;
          scripts.push(
            callerScript(center, driver, tier, `0107777${String(n).padStart(4, '0')}`, talkSeconds * 1000, (id) => {
              callIds[i] = id;
            }),
          );
        }
        const errors = await Promise.all(scripts);
        await driver.endAll();
        const traces = await tracesOf(center, callIds, errors, tier.through());
        const verdict = judgeStep(cps, traces);
        verdicts.push(verdict);
        ctx.log(
          `real-asterisk: ${cps}/s offered → ${verdict.achievedCps}/s placed, ${verdict.onPath}/${verdict.placed} on path, setup p99 ${pct(verdict.setupMs, 0.99)} ms${verdict.sustained ? '' : ` — NOT sustained: ${verdict.why.join('; ')}`}`,
        );
        if (!verdict.sustained) break;
        kept.push(...traces);
      }
      const best = verdicts.filter((v) => v.sustained).at(-1);
      const setup = verdicts.filter((v) => v.sustained).flatMap((v) => v.setupMs);
      return {
        figures: {
          cps_max: best?.achievedCps ?? 0,
          concurrent_max: maxConcurrent(kept),
          ...(setup.length ? { setup_p99_ms: pct(setup, 0.99) } : {}),
        },
        detail: {
          agents: agentCount,
          talkSeconds,
          stepSeconds,
          steps: verdicts.map((v) => ({ ...v, setupMs: undefined, setupP50Ms: pct(v.setupMs, 0.5) })),
          // Every step sustained: the ceiling is above cps_max.
          topStepHeld: verdicts.length === steps.length && verdicts.every((v) => v.sustained),
        },
      };
    } finally {
      await pbx?.endAll().catch(() => undefined);
      await center?.close();
      await tier.close();
    }
  },
};

/**
 * One caller: dials 1357, presses 1 at the main menu, waits to be bridged, talks, hangs up.
 * Resolves to what went wrong (null: nothing); never throws, the step counts the errors.
 */
async function callerScript(
  center: Center,
  pbx: SippPbx,
  tier: Tier,
  from: string,
  talkMs: number,
  known: (callId: string) => void,
): Promise<string | null> {
  let channel: string | null = null;
  try {
    channel = await pbx.placeCall(from);
    const ch = channel;
    const callId = await callIdOf(center, ch, tier.through());
    known(callId);
    await choose(center, (d) => pbx.dtmf(ch, d), callId, 'main-menu', '1', tier.through('notice'));
    await until(
      async () => (await center.state.getCall(callId))?.state === 'connected',
      `${callId} bridged to an agent`,
      tier.through('connecting') + 60_000,
    );
    await new Promise((r) => setTimeout(r, talkMs));
    await pbx.hangup(ch);
    return null;
  } catch (err) {
    if (channel) await pbx.hangup(channel).catch(() => undefined);
    return `${from}: ${(err as Error).message.slice(0, 300)}`;
  }
}

/** Each call's events from crm-api, once every call has ended there (bounded: a missing end counts as off path). */
async function tracesOf(
  center: Center,
  callIds: (string | null)[],
  errors: (string | null)[],
  timeoutMs: number,
): Promise<CallTrace[]> {
  const ids = callIds.filter((id): id is string => !!id);
  await until(
    async () => {
      const { rows } = await center.db.query<{ n: string }>(
        `SELECT count(DISTINCT call_id)::text AS n FROM call_events WHERE call_id = ANY($1) AND type = 'call.ended'`,
        [ids],
      );
      return Number(rows[0]!.n) === ids.length;
    },
    'every call ended in crm-api',
    timeoutMs,
  ).catch(() => undefined);
  const { rows } = await center.db.query<{ callId: string; type: string; at: Date }>(
    'SELECT call_id AS "callId", type, at FROM call_events WHERE call_id = ANY($1)',
    [ids],
  );
  return errors.map((error, i) => {
    const callId = callIds[i] ?? null;
    return {
      callId,
      error: error ?? (callId ? null : 'telephony never had the call'),
      events: rows.filter((r) => r.callId === callId).map((r) => ({ type: r.type, at: r.at.getTime() })),
    };
  });
}
