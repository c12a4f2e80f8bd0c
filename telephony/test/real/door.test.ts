import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Center, startCenter, until } from '../support/center';
import { type SippPbx, sippPbx } from './support/sipp-pbx';
import { callIdOf, eventsOf, waitForEvent } from './support/steps';
import { SLACK_MS, startTier, type Tier, tierMissing } from './support/tier';

// Without a build the files skip; the global setup says why, once.
const missing = tierMissing();

/**
 * The door (app/door.ts) against a real Asterisk: while telephony falls behind, a carrier's call
 * to 1357 is refused before it is answered, and the carrier is told so — 503 Service Unavailable
 * (the hang-up's reason `congestion`, Q.850 34), where a plain hang-up would have said 603 Decline.
 * What the door measures is steered, as in the pbx-sim admission test: a process really falling
 * behind would stall this test too.
 */
describe.skipIf(missing)('real time: the door — callers refused while telephony falls behind', () => {
  let tier: Tier;
  let pbx: SippPbx;
  let center: Center;
  const delay = { ms: 0 };

  beforeAll(async () => {
    tier = await startTier();
    pbx = sippPbx(tier);
    center = await startCenter({ pbx: async () => pbx, timeScale: 1 });
    await center.startTelephony(undefined, {
      env: { ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '500' },
      deps: { eventLoopDelayMs: () => delay.ms },
    });
  });
  afterEach(async () => pbx?.endAll());
  afterAll(async () => {
    await center?.close();
    await tier?.close();
  });

  /** The door's mark in Redis (node-beats.ts), written as soon as the door changes. */
  const doorClosed = async () =>
    (await center.redis.zscore(`${center.prefix}nodes:door-closed`, center.telephony[0]!.node)) !== null;

  /**
   * Callers refused at the door, over telephony's Seoul days (one key a day; a run across midnight
   * has two).
   */
  const refusedAtDoor = async () => {
    const keys = await center.redis.keys(`${center.prefix}door-refused:*`);
    const counts = await Promise.all(
      keys.map((key) => center.state.doorRefusedOn(key.slice(`${center.prefix}door-refused:`.length))),
    );
    return counts.reduce((sum, n) => sum + n, 0);
  };
  // Each attempt (the tier retries a failed test once) has callers of its own.
  let attempt = 0;

  /** A call while the door is open: answered by telephony's IVR, then hung up by the caller. */
  const answeredCall = async (from: string) => {
    const channel = await pbx.placeCall(from);
    const callId = await callIdOf(center, channel, tier.through());
    await pbx.callOf(channel).answered(tier.through());
    await pbx.hangup(channel);
    await waitForEvent(center, callId, 'call.ended', tier.through());
    return (await eventsOf(center, callId)).map((e) => e.type);
  };

  it('open, a caller is answered; closed, the next is refused with 503 and recorded; open again, answered', async () => {
    const run = ++attempt;
    const caller = (n: number) => `010999${run}${String(n).padStart(4, '0')}`;
    delay.ms = 0;
    await until(async () => !(await doorClosed()), 'the door open', SLACK_MS);
    const refusedBefore = await refusedAtDoor();
    expect(await answeredCall(caller(1))).toEqual(expect.arrayContaining(['call.arrived', 'call.answered']));

    delay.ms = 2_000;
    await until(doorClosed, 'the door closed', SLACK_MS);
    // Turned away before Asterisk has a channel anyone could look up: dialled, not placed.
    const refused = await pbx.dial(caller(2));
    expect(await refused.refused(tier.through())).toBe(503);
    expect(refused.sipp.logLines()).not.toContain('answered');

    const { rows } = await until(
      async () => {
        const r = await center.db.query<{ call_id: string; type: string; data: Record<string, unknown> }>(
          'SELECT call_id, type, data FROM call_events WHERE caller_number = $1 ORDER BY at, type',
          [caller(2)],
        );
        return r.rows.some((e) => e.type === 'call.ended') ? r : null;
      },
      'the refused call in crm-api',
      tier.through(),
    );
    expect(rows.map((e) => e.type)).toEqual(['call.arrived', 'call.ended']);
    expect(new Set(rows.map((e) => e.call_id)).size).toBe(1);
    expect(rows[1]!.data).toMatchObject({ reason: 'refusedAtDoor', stage: 'door', talkSeconds: 0 });
    // Counted when the caller was let go, before the events went to crm-api.
    expect(await refusedAtDoor()).toBe(refusedBefore + 1);

    delay.ms = 0;
    await until(async () => !(await doorClosed()), 'the door open again', SLACK_MS);
    expect(await answeredCall(caller(3))).toEqual(expect.arrayContaining(['call.arrived', 'call.answered']));
  });
});
