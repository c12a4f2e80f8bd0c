import type { Logger } from 'pino';
import type { CallerScript, ExpectedEnd } from './caller-plan';
import type { SimClient } from './sim-client';

/**
 * Plays one scripted caller against pbx-sim: dial 1357, press the menu digits (again if the
 * menu did not take them, as a person would after hearing it repeat), then talk, abandon or
 * hang up in the IVR. Resolves with what actually happened, for the smoke check.
 */

export interface CallerTiming {
  /** Scale for the caller's own waits (the sim's timeScale). */
  timeScale: number;
  /** Wait before the first key press: the recording notice plays first (real ms). */
  firstPressAfterMs: number;
  /** Re-press the digits when still in the IVR after this long (real ms). */
  retryAfterMs: number;
  /** A talking caller gives up when not answered within this (real ms). */
  maxWaitMs: number;
  pollMs: number;
}

export interface CallerResult {
  script: CallerScript;
  channelId: string | null;
  actual: ExpectedEnd | 'failed';
  detail: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runCaller(
  sim: SimClient,
  script: CallerScript,
  timing: CallerTiming,
  logger: Logger,
): Promise<CallerResult> {
  const scaled = (ms: number) => Math.max(1, Math.round(ms * timing.timeScale));
  let channelId: string | null = null;
  try {
    const placed = await sim.placeCall(script.from);
    channelId = placed.channelId;
    const log = logger.child({ channelId, from: script.from || 'withheld', intent: script.intent });
    if (placed.route !== 'stasis') return { script, channelId, actual: 'failed', detail: `route ${placed.route}` };

    if (script.intent === 'hangupInIvr') {
      // The caller hangs up on the IVR they heard: only once the center has answered. On a busy
      // machine telephony may take longer to answer than the caller's patience, and a caller gone
      // before the answer is another story (telephony warns that it could not answer).
      for (let answered = await sim.isAnswered(channelId); answered === false;) {
        await sleep(scaled(timing.pollMs));
        answered = await sim.isAnswered(channelId);
      }
      await sleep(scaled(timing.firstPressAfterMs / 2));
      await sim.hangup(channelId);
      log.info('caller hung up during the IVR');
      return { script, channelId, actual: 'endedInIvr', detail: 'hung up during the IVR' };
    }

    await sleep(scaled(timing.firstPressAfterMs));
    let presses = 0;
    let lastPress = -Infinity;
    let queuedAt: number | null = null;
    const started = Date.now();
    for (;;) {
      const where = await sim.whereIs(channelId);
      if (where === 'gone') {
        // The center ended the call: after talking it is an answered call; a caller never
        // bridged whose call vanished was dropped by the system.
        return { script, channelId, actual: 'failed', detail: 'call ended before it was answered' };
      }
      if (where === 'talking') {
        log.info({ digits: script.choice.digits }, 'caller is talking to a counselor');
        const end = await waitUntilGone(sim, channelId, scaled(timing.maxWaitMs * 4), scaled(timing.pollMs));
        return { script, channelId, actual: 'answered', detail: end };
      }
      if (where === 'queued') {
        queuedAt ??= Date.now();
        if (script.intent === 'abandonInQueue' && Date.now() - queuedAt >= scaled(script.patienceMs)) {
          await sim.hangup(channelId);
          log.info('caller abandoned in queue');
          return { script, channelId, actual: 'abandoned', detail: 'hung up while queued' };
        }
      }
      if (where === 'ivr' && Date.now() - lastPress >= scaled(timing.retryAfterMs)) {
        if (presses >= 8) {
          await sim.hangup(channelId);
          return { script, channelId, actual: 'failed', detail: 'the menu never took the digits' };
        }
        presses += 1;
        lastPress = Date.now();
        await sim.sendDtmf(channelId, script.choice.digits, 150);
      }
      if (Date.now() - started > scaled(timing.maxWaitMs)) {
        await sim.hangup(channelId);
        log.info('caller gave up waiting');
        return { script, channelId, actual: 'abandoned', detail: 'gave up after the longest wait' };
      }
      await sleep(scaled(timing.pollMs));
    }
  } catch (error) {
    logger.warn({ err: error, channelId }, 'simulated caller failed');
    return { script, channelId, actual: 'failed', detail: String(error) };
  }
}

async function waitUntilGone(sim: SimClient, channelId: string, maxMs: number, pollMs: number): Promise<string> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    if ((await sim.whereIs(channelId)) === 'gone') return 'counselor ended the call';
    await sleep(pollMs);
  }
  await sim.hangup(channelId);
  return 'caller hung up after talking';
}
