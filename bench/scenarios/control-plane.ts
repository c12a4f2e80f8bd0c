import { knob } from '../args';
import { EXPECTED_PATH, pct, startFloor, type Floor, type FloorCall } from '../harness/floor';
import { sampleSiteCpu, siteCpuBetween, type SiteRole } from '../harness/site-cpu';
import type { Scenario, ScenarioContext } from '../types';
import { runOverloadRecovery } from './overload-recovery';

/**
 * `control-plane`: what ONE telephony process (a child process, measured through /proc) carries.
 * Calls go IVR (notice, menu, press 1) → fund queue → agent (auto-answering phone) → talk →
 * caller hangs up, on pbx-sim (media 5× compressed), with more agents than calls in talk.
 *
 * Ramp: steps of offered setups/s (`--cp-steps=10,20,…`), each `--cp-step-s` seconds. A step is
 * sustained when every call took the expected path (EXPECTED_PATH in telephony's own events,
 * ended by the caller) and no caller waited for an offer longer than `--cp-max-offer-wait-ms`
 * (1,000 ms; with agents never the limit, a longer wait is a caller waiting while a matching
 * agent is Ready). The ramp stops at the first step that is not sustained.
 * setup = queue.entered → call.connected (the ACD's pick, reservation, originate, answer,
 * bridge), from telephony's events, at the highest sustained step. site_cpu_ms_per_call, at the
 * same step: the CPU of every process of the site (telephony, pbx-sim, crm-api, PostgreSQL,
 * Redis, the bench itself; bench/harness/site-cpu.ts) per call placed, the figure to compare two
 * versions by at a rate both keep.
 * Hold (last): `--cp-hold` calls connected at once (10,000 full; 50 quick), placed at
 * `--cp-hold-cps` (20; quick 10), RSS measured with all of them up against the lower of the RSS
 * at the start and just before the hold; concurrent_max is how many were up at once with all on
 * their path. The floor has enough counselors for both, or `--cp-agents` if more (what a big
 * floor costs while it waits).
 * Recovery (overload-recovery.ts): after the ramp, `--cp-recovery-cps` (the highest sustained
 * step) for `--cp-recovery-before-s`, twice that for `--cp-overload-s` (60 s), then that rate for
 * `--cp-recovery-after-s`: recovery_s is how long after the overload service was normal again
 * (issue 15's goal: ≤ 30 s), recovered 1/0, recovery_p99_s the same judged by p99 per 5 s. Telephony runs with its door at `--cp-door-ms`
 * (500, as compose sets it; 0 = open whatever the load): a caller refused there is off the path in
 * the ramp (its step is not sustained) and shed in the recovery.
 * pbx-sim, crm-api, the agents and the callers run in the bench process on the same cores.
 */
/** The fewest calls held at once whose RSS step says something (see rss_mb_per_1000_calls). */
const MIN_HELD_FOR_RSS = 1_000;

export const controlPlane: Scenario = {
  name: 'control-plane',
  async run(ctx) {
    const steps = (ctx.flags['cp-steps'] ?? (ctx.quick ? '5,10' : '5,10,20,40,60,80,100,125,150,200'))
      .split(',')
      .map(Number);
    const stepSeconds = knob(ctx, 'cp-step-s', { quick: 5, full: 20 });
    const talkMs = knob(ctx, 'cp-talk-ms', { quick: 1_000, full: 3_000 });
    const hold = knob(ctx, 'cp-hold', { quick: 50, full: 10_000 });
    const maxWait = knob(ctx, 'cp-max-offer-wait-ms', { quick: 1_000, full: 1_000 });
    const maxCps = Math.max(...steps);
    // --cp-agents: a floor bigger than the ramp and the hold need (what idle counselors cost).
    const agents = Math.max(
      knob(ctx, 'cp-agents', { quick: 0, full: 0 }),
      hold,
      Math.ceil(maxCps * (talkMs / 1000 + 2) * 1.5),
    );
    const callTimeoutMs = knob(ctx, 'call-timeout-s', { quick: 30, full: 120 }) * 1000;
    // The door as compose sets it (telephony/README.md); --cp-door-ms=0 leaves it open whatever the load.
    const doorMs = knob(ctx, 'cp-door-ms', { quick: 500, full: 500 });
    // Admission control at the queue (ADMISSION_MAX_QUEUE_DEPTH): callers past this depth get the
    // overflow path (the callback offer), as an operator sets it to what the floor serves within
    // an acceptable wait; 0 = no limit (the queue grows without bound past the ceiling).
    const maxDepth = knob(ctx, 'cp-max-queue-depth', { quick: 0, full: 0 });
    // The door's arrival limit (ADMISSION_MAX_CALLS_PER_SECOND): new callers past it are refused
    // at once, before the IVR; 0 = none (the default, so the ramp finds the ceiling itself).
    const arrivalLimit = knob(ctx, 'cp-max-cps', { quick: 0, full: 0 });
    const floor = await startFloor({
      nodes: 1,
      agents,
      timeScale: knob(ctx, 'time-scale', { quick: 0.2, full: 0.2 }),
      callTimeoutMs,
      telephonyEnv: {
        ...(doorMs > 0 ? { ADMISSION_MAX_EVENT_LOOP_DELAY_MS: String(doorMs) } : {}),
        ...(maxDepth > 0 ? { ADMISSION_MAX_QUEUE_DEPTH: String(maxDepth) } : {}),
        ...(arrivalLimit > 0 ? { ADMISSION_MAX_CALLS_PER_SECOND: String(arrivalLimit) } : {}),
      },
      // --cp-pbx-process=0 keeps pbx-sim in the bench process (as every run before 2026-12-03).
      pbxInOwnProcess: knob(ctx, 'cp-pbx-process', { quick: 1, full: 1 }) === 1,
      // --cp-crm-process=0 keeps crm-api in the bench process (as every run before 2026-12-04).
      crmInOwnProcess: knob(ctx, 'cp-crm-process', { quick: 1, full: 1 }) === 1,
      log: ctx.log,
    });
    const node = floor.nodes[0]!;
    try {
      const rssIdle = node.rssMb();
      const ramp: StepResult[] = [];
      let best: StepResult | null = null;
      for (const cps of steps) {
        const step = await runStep(floor, cps, stepSeconds, talkMs, maxWait, ramp.length);
        ramp.push(step);
        if (step.stalled) ctx.log(`  still up 20 s after the last call: ${JSON.stringify(step.stalled)}`);
        ctx.log(
          `${cps}/s offered: ${step.placed} placed (${step.achievedCps}/s), ${step.onPath} on path, offer wait p99 ${step.offerWaitP99Ms} ms, setup p50/p99 ${step.setupP50Ms}/${step.setupP99Ms} ms, telephony CPU ${step.cpuSeconds.toFixed(1)} s, site CPU ${step.siteCpuMsPerCall} ms/call ${JSON.stringify(step.siteCpuSeconds)}, RSS ${step.rssMb.toFixed(0)} MB${step.sustained ? '' : ` — NOT sustained: ${step.why}`}`,
        );
        if (!step.sustained) break;
        best = step;
      }
      // Issue 15's recovery: twice the highest sustained rate for a minute, then that rate again.
      const normalCps = knob(ctx, 'cp-recovery-cps', { quick: best?.offeredCps ?? 0, full: best?.offeredCps ?? 0 });
      const recovery =
        normalCps > 0
          ? await runOverloadRecovery(floor, {
              normalCps,
              beforeSeconds: knob(ctx, 'cp-recovery-before-s', { quick: 5, full: 20 }),
              overloadSeconds: knob(ctx, 'cp-overload-s', { quick: 10, full: 60 }),
              afterSeconds: knob(ctx, 'cp-recovery-after-s', { quick: 20, full: 60 }),
              talkMs,
              maxOfferWaitMs: maxWait,
              log: ctx.log,
            })
          : null;
      if (recovery) ctx.log(`  ${JSON.stringify(recovery)}`);
      // The hold last: releasing thousands of calls at once keeps pbx-sim busy for a while (its
      // hang-ups timed out at 5 s), and a ramp after it measured that, not telephony.
      const held = await holdCalls(
        floor,
        ctx,
        callTimeoutMs,
        hold,
        knob(ctx, 'cp-hold-cps', { quick: 10, full: 20 }),
        knob(ctx, 'cp-release-cps', { quick: 100, full: 100 }),
      );
      const sustainedSteps = ramp.filter((s) => s.sustained);
      // With no step sustained, the setup figures come from the first (lowest) step, and say so.
      const setupStep = best ?? ramp[0]!;
      const calls = sustainedSteps.reduce((n, s) => n + s.placed, 0);
      const cpu = sustainedSteps.reduce((n, s) => n + s.cpuSeconds, 0);
      return {
        figures: {
          cps_max: best?.achievedCps ?? 0,
          concurrent_max: held.concurrentMax,
          setup_p50_ms: setupStep.setupP50Ms,
          setup_p99_ms: setupStep.setupP99Ms,
          // Below 1,000 calls held, the RSS step is smaller than what a garbage collection gives
          // back (-30 and -1,000 MB per 1,000 calls were reported from 100 and 1): no figure then.
          // From the lower of the RSS at the start and just before the hold: after the ramp and the
          // recovery their garbage can be bigger than the held calls' state, and a collection
          // during the hold gave steps below zero (539 → 523 MB with 2,000 calls up).
          ...(held.concurrentMax >= MIN_HELD_FOR_RSS
            ? {
                rss_mb_per_1000_calls:
                  Math.round(
                    ((held.rssHeldMb - Math.min(rssIdle, held.rssBeforeMb)) / held.concurrentMax) * 1000 * 10,
                  ) / 10,
              }
            : {}),
          cpu_s_per_1000_calls:
            Math.round(((calls ? cpu : setupStep.cpuSeconds) / (calls || setupStep.placed)) * 1000 * 100) / 100,
          // Every process of the site, per call, at the same step as the setup figures.
          site_cpu_ms_per_call: setupStep.siteCpuMsPerCall,
          ...(recovery
            ? {
                recovery_s: recovery.recoverySeconds,
                recovered: recovery.recovered ? 1 : 0,
                recovery_p99_s: recovery.recoveryP99Seconds,
              }
            : {}),
        },
        detail: {
          measured: 'telephony as its own child process; RSS and CPU from /proc/<pid>',
          // The ramp's top step held: the real ceiling is higher than cps_max says.
          cpsMaxIsAFloor: best !== null && best === ramp.at(-1),
          setupAndCpuFrom: best
            ? `highest sustained step (${best.offeredCps}/s)`
            : `no step sustained: first step (${setupStep.offeredCps}/s)`,
          agents,
          talkMs,
          stepSeconds,
          maxOfferWaitMs: maxWait,
          doorMs,
          maxQueueDepth: maxDepth || 'none',
          rssIdleMb: Math.round(rssIdle),
          ramp: ramp.map(withoutCalls),
          hold: held,
          ...(held.concurrentMax < MIN_HELD_FOR_RSS
            ? { rssPer1000Calls: `not measured: ${held.concurrentMax} calls held, fewer than ${MIN_HELD_FOR_RSS}` }
            : {}),
          recovery: recovery ?? 'no step sustained, or --cp-recovery-cps=0: not run',
          doubleOffers: floor.doubleOffers,
          agentsMissedOffers: floor.notReady,
        },
      };
    } finally {
      await floor.close();
    }
  },
};

export interface StepResult {
  offeredCps: number;
  placed: number;
  achievedCps: number;
  onPath: number;
  offPath: Record<string, number>;
  offerWaitP50Ms: number;
  offerWaitP99Ms: number;
  setupP50Ms: number;
  setupP99Ms: number;
  cpuSeconds: number;
  /** CPU seconds of every part of the site in the step (telephony, pbx-sim, crm-api, PostgreSQL, Redis, the bench). */
  siteCpuSeconds: Record<SiteRole, number>;
  /** Their sum per call placed (ms): what a call costs the machine, steadier than the ramp's edge. */
  siteCpuMsPerCall: number;
  rssMb: number;
  sustained: boolean;
  why: string;
  /** Live state 20 s after the last call was placed, when calls were still up then. */
  stalled: Record<string, unknown> | null;
  /** The finished calls, for the screen-pop figures (not written to the results file). */
  calls?: FloorCall[];
}

/** Places `cps` calls per second for `seconds`, waits for all to end, and checks their paths. */
export async function runStep(
  floor: Floor,
  cps: number,
  seconds: number,
  talkMs: number,
  maxWaitMs: number,
  stepNo: number,
  nodeOf: (i: number) => number = () => 0,
  fromOf: (i: number) => string = (i) => `07${String(stepNo).padStart(2, '0')}${String(i).padStart(6, '0')}`,
): Promise<StepResult> {
  const node = floor.nodes[0]!;
  const cpuBefore = floor.nodes.reduce((n, p) => n + p.cpuSeconds(), 0);
  const siteBefore = sampleSiteCpu();
  const total = Math.round(cps * seconds);
  const pending: Promise<FloorCall>[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / cps;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(floor.call(fromOf(i), nodeOf(i), talkMs));
  }
  const placedSeconds = (performance.now() - started) / 1000;
  // What the floor looked like if some call is still not ended a while after the last was placed.
  let stalled: Record<string, unknown> | null = null;
  const watch = setTimeout(() => void floor.snapshot().then((s) => (stalled = s)), 20_000);
  const calls = await Promise.all(pending);
  clearTimeout(watch);
  const rssMb = node.rssMb();
  const cpuSeconds = floor.nodes.reduce((n, p) => n + p.cpuSeconds(), 0) - cpuBefore;
  const siteCpuSeconds = siteCpuBetween(siteBefore, sampleSiteCpu());
  const siteSeconds = Object.values(siteCpuSeconds).reduce((a, b) => a + b, 0);
  const ids = calls.map((c) => c.callId).filter((id): id is string => id !== null);
  const events = await floor.events(ids);
  const offPath: Record<string, number> = {};
  const miss = (why: string) => (offPath[why] = (offPath[why] ?? 0) + 1);
  const waits: number[] = [];
  const setups: number[] = [];
  let onPath = 0;
  for (const call of calls) {
    const e = call.callId ? events.get(call.callId) : undefined;
    if (e?.has('callback.requested')) {
      // The IVR's wait estimate (a minute per caller queued) sent the caller to the overflow offer.
      miss('overflow offer → callback (queue estimate over 300 s)');
      continue;
    }
    if (call.refusedAtDoor) {
      miss('refused at the door (telephony fell behind)');
      continue;
    }
    if (call.error) {
      // What telephony recorded for it says where it left the path.
      miss(`${call.error}; events: ${[...(e?.keys() ?? [])].sort().join(' ') || 'none'}`);
      continue;
    }
    const missing = EXPECTED_PATH.filter((t) => !e?.has(t));
    if (missing.length) miss(`no ${missing.join(', ')}`);
    else if (e!.has('call.abandoned')) miss('abandoned');
    else if (call.endReason !== 'callerHangup') miss(`ended: ${call.endReason}`);
    else onPath++;
    if (e?.has('queue.entered') && e.has('agent.offered'))
      waits.push(e.get('agent.offered')! - e.get('queue.entered')!);
    if (e?.has('queue.entered') && e.has('call.connected'))
      setups.push(e.get('call.connected')! - e.get('queue.entered')!);
  }
  const offerWaitP99Ms = pct(waits, 0.99);
  const achievedCps = Math.round((total / placedSeconds) * 10) / 10;
  const why =
    onPath < total
      ? `${total - onPath} of ${total} off their path: ${JSON.stringify(offPath)}`
      : offerWaitP99Ms > maxWaitMs
        ? `offer wait p99 ${offerWaitP99Ms} ms > ${maxWaitMs} ms`
        : achievedCps < cps * 0.9
          ? `the driver placed only ${achievedCps}/s`
          : '';
  return {
    offeredCps: cps,
    placed: total,
    achievedCps,
    onPath,
    offPath,
    offerWaitP50Ms: pct(waits, 0.5),
    offerWaitP99Ms,
    setupP50Ms: pct(setups, 0.5),
    setupP99Ms: pct(setups, 0.99),
    cpuSeconds: Math.round(cpuSeconds * 100) / 100,
    siteCpuSeconds,
    siteCpuMsPerCall: total ? Math.round((siteSeconds / total) * 1000 * 100) / 100 : 0,
    rssMb: Math.round(rssMb),
    sustained: why === '',
    why,
    stalled,
    calls,
  };
}

/** `count` calls connected at once (placed at `cps`), RSS with all up, then all released. */
async function holdCalls(
  floor: Floor,
  ctx: ScenarioContext,
  timeoutMs: number,
  count: number,
  cps: number,
  releaseCps: number,
) {
  const node = floor.nodes[0]!;
  const rssBefore = node.rssMb();
  const memoryBefore = await node.memory();
  const snapshotBefore = await node.heapSnapshot();
  if (snapshotBefore) ctx.log(`  heap snapshot before the hold: ${snapshotBefore}`);
  const started = performance.now();
  const pending: Promise<FloorCall>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / cps;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(floor.call(`0799${String(i).padStart(6, '0')}`, 0, null));
  }
  // Wait (bounded) until every held call is connected or has failed.
  const deadline = Date.now() + timeoutMs;
  const mine = () => floor.calls.slice(-count);
  while (Date.now() < deadline && mine().some((c) => c.connectedAt === null && c.endedAt === null && !c.error))
    await new Promise((r) => setTimeout(r, 250));
  const concurrentMax = floor.connectedNow();
  const rssHeldMb = node.rssMb();
  const memoryHeld = await node.memory();
  const snapshot = concurrentMax < count ? await floor.snapshot() : null;
  const snapshotHeld = await node.heapSnapshot();
  if (snapshotHeld) ctx.log(`  heap snapshot with the calls held: ${snapshotHeld}`);
  ctx.log(
    `held ${concurrentMax} of ${count} calls at once; telephony RSS ${rssBefore.toFixed(0)} → ${rssHeldMb.toFixed(0)} MB${snapshot ? ` ${JSON.stringify(snapshot)}` : ''}`,
  );
  ctx.log(`  memory before ${JSON.stringify(memoryBefore)}, held ${JSON.stringify(memoryHeld)}`);
  // Released at --cp-release-cps (100/s): thousands of hang-ups at once measured pbx-sim's
  // backlog (its answers to telephony's hang-ups of the agents' legs timed out at 5 s), not the hold.
  await floor.releaseAll(50, releaseCps);
  const calls = await Promise.all(pending);
  const onPath = calls.filter((c) => !c.error && c.endReason === 'callerHangup').length;
  // How the calls off their path ended (a reason, or the driver's error), for the detail.
  const offPath: Record<string, number> = {};
  for (const c of calls) {
    if (!c.error && c.endReason === 'callerHangup') continue;
    const why = c.error ? c.error.slice(0, 80) : `ended: ${c.endReason}`;
    offPath[why] = (offPath[why] ?? 0) + 1;
  }
  if (onPath < count) ctx.log(`  off their path: ${JSON.stringify(offPath)}`);
  return {
    count,
    placedAtCps: cps,
    concurrentMax: onPath === count ? concurrentMax : Math.min(concurrentMax, onPath),
    rssBeforeMb: Math.round(rssBefore),
    rssHeldMb: Math.round(rssHeldMb),
    // Where the RSS is: the V8 heap (used, and the room it keeps), external buffers, the rest.
    memoryBefore,
    memoryHeld,
    onPath,
    offPath,
    releasedAtCps: releaseCps,
    snapshot,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

/** A step as written to the results file: figures, not every call. */
export function withoutCalls(step: StepResult): Omit<StepResult, 'calls'> {
  const copy = { ...step };
  delete copy.calls;
  return copy;
}
