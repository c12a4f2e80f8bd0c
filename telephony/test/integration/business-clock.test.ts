import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Center, eventTypes, reachQueue, startCenter, TIME_SCALE, until } from '../support/center';
import { steerableScheduler } from '../support/ivr-spy';

/**
 * Telephony's business clock (opening hours, holidays, waits) may be steered anywhere — tests
 * replay golden dates, a drill may replay a past day — while crm-api judges the service token on
 * its own wall clock. A call made on a business day far from today must still reach the CRM.
 */
describe('a steered business clock', () => {
  const clock = steerableScheduler(TIME_SCALE);
  let center: Center;
  beforeAll(async () => {
    center = await startCenter();
    await center.startTelephony(undefined, { deps: { scheduler: clock } });
  });
  afterAll(async () => center?.close());

  // A year before and a year after the real day: both are outside any token lifetime.
  for (const days of [-400, 400]) {
    it(`${days > 0 ? 'ahead of' : 'behind'} the wall clock by ${Math.abs(days)} days still writes the call's events to crm-api`, async () => {
      clock.setNow(new Date(Date.now() + days * 86_400_000));
      const caller = await center.pbx.placeCall(center.callers.known[0]!);
      const callId = await reachQueue(center, caller);
      await center.pbx.hangup(caller);
      await until(
        async () => (await eventTypes(center, callId)).includes('call.ended'),
        'call.ended in crm-api',
        30_000,
      );
      expect(await eventTypes(center, callId)).toEqual(
        expect.arrayContaining(['call.arrived', 'ivr.finished', 'queue.entered', 'call.ended']),
      );
    });
  }
});
