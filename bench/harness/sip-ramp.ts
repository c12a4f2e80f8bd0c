import pg from 'pg';
import { type Center, type PbxDriver, until } from '../../telephony/test/support/center';
import { callIdOf, choose } from '../../telephony/test/real/support/steps';
import { pct } from './floor';
import { type CallTrace, type StepVerdict, judgeStep, maxConcurrent } from './load-figures';

export interface RampOptions {
  /** A center whose telephony runs, with `agents` logged in and Ready. */
  center: Center;
  pbx: PbxDriver & { endAll?(): Promise<void> };
  /** Calls per second, one step each, in order; the ramp stops at the first step not sustained. */
  steps: number[];
  stepSeconds: number;
  talkMs: number;
  /** A bound for waiting through these prompts (their audio plus slack), as the real tier's `through`. */
  through(...promptIds: string[]): number;
  log(line: string): void;
}

export interface RampResult {
  figures: { cps_max: number; concurrent_max: number; setup_p99_ms?: number };
  steps: (Omit<StepVerdict, 'setupMs'> & { setupP50Ms: number; setupP99Ms: number })[];
  /** Every step sustained: the ceiling is above cps_max. */
  topStepHeld: boolean;
}

/**
 * The `real-asterisk` ramp over any PBX driver (SIPp on a real Asterisk in the scenario; pbx-sim
 * for a dry run of the driver itself). Each step places `cps × stepSeconds` callers at even
 * spacing, waits for all of them to finish, then judges the step from telephony's own events
 * (harness/load-figures.ts).
 */
export async function runRamp(o: RampOptions): Promise<RampResult> {
  // Every waiting caller polls crm-api's events for its IVR node (steps.ts `choose`): more
  // connections than the center's two, so the callers' scripts do not queue behind each other.
  const scriptDb = new pg.Pool({
    connectionString: (o.center.db.options as { connectionString: string }).connectionString,
    max: 8,
  });
  scriptDb.on('error', () => undefined);
  const view: Center = { ...o.center, db: scriptDb };
  try {
    const verdicts: StepVerdict[] = [];
    const kept: CallTrace[] = [];
    let serial = 0;
    for (const cps of o.steps) {
      const count = Math.max(1, Math.round(cps * o.stepSeconds));
      o.log(`real-asterisk: ${cps} calls/s for ${o.stepSeconds} s (${count} callers)`);
      const started = Date.now();
      const scripts: Promise<string | null>[] = [];
      const callIds: (string | null)[] = [];
      for (let i = 0; i < count; i++) {
        const wait = started + (i * 1000) / cps - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const from = `0107777${String(serial++).padStart(4, '0')}`;
        scripts.push(
          callerScript(view, o.pbx, o.through, from, o.talkMs, (id) => {
            callIds[i] = id;
          }),
        );
      }
      const errors = await Promise.all(scripts);
      await o.pbx.endAll?.();
      const traces = await tracesOf(view, callIds, errors, o.through());
      const verdict = judgeStep(cps, traces);
      verdicts.push(verdict);
      o.log(
        `real-asterisk: ${cps}/s offered → ${verdict.achievedCps}/s placed, ${verdict.onPath}/${verdict.placed} on path, setup p99 ${pct(verdict.setupMs, 0.99)} ms${verdict.sustained ? '' : ` — NOT sustained: ${verdict.why.join('; ')}`}`,
      );
      if (!verdict.sustained) break;
      kept.push(...traces);
    }
    const sustained = verdicts.filter((v) => v.sustained);
    const setup = sustained.flatMap((v) => v.setupMs);
    return {
      figures: {
        cps_max: sustained.at(-1)?.achievedCps ?? 0,
        concurrent_max: maxConcurrent(kept),
        ...(setup.length ? { setup_p99_ms: pct(setup, 0.99) } : {}),
      },
      steps: verdicts.map(({ setupMs, ...v }) => ({
        ...v,
        setupP50Ms: pct(setupMs, 0.5),
        setupP99Ms: pct(setupMs, 0.99),
      })),
      topStepHeld: verdicts.length === o.steps.length && verdicts.every((v) => v.sustained),
    };
  } finally {
    await scriptDb.end().catch(() => undefined);
  }
}

/**
 * One caller: dials 1357, presses 1 at the main menu, waits to be bridged, talks, hangs up.
 * Resolves to what went wrong (null: nothing); never throws, the step counts the errors.
 */
async function callerScript(
  center: Center,
  pbx: PbxDriver,
  through: RampOptions['through'],
  from: string,
  talkMs: number,
  known: (callId: string) => void,
): Promise<string | null> {
  let channel: string | null = null;
  try {
    channel = await pbx.placeCall(from);
    const ch = channel;
    const callId = await callIdOf(center, ch, through());
    known(callId);
    await choose(center, (d) => pbx.dtmf(ch, d), callId, 'main-menu', '1', through('notice'));
    await until(
      async () => (await center.state.getCall(callId))?.state === 'connected',
      `${callId} bridged to an agent`,
      through('connecting') + 60_000,
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
