import { afterEach, expect, it } from 'vitest';
import { callerReachesFundQueue, offeredTo, readyAgent, type Center } from '../support/call-steps';
import { buildCallCenter, KNOWN_POP, until } from '../support/service-harness';

let center: Center | null = null;
afterEach(async () => center?.close());

/**
 * An offer never waits on crm-api: a caller look-up that hangs (here, the first caller's, until
 * the test lets it go) must hold back neither the next caller and the next Ready counselor nor
 * its own counselor's offer. Offers once waited for their pop one after another, which capped a
 * telephony process near 23 offers a second and stalled it entirely when crm-api was slow.
 */
it("offers calls without waiting for crm-api's caller look-up: a hung look-up holds back no one, and its pop follows", async () => {
  let releaseFirst: () => void = () => undefined;
  let lookups = 0;
  const c = await buildCallCenter({
    callerPop: (number) => {
      const pop = { ...KNOWN_POP, number };
      lookups++;
      if (lookups > 1) return Promise.resolve(pop);
      return new Promise((resolve) => (releaseFirst = () => resolve(pop)));
    },
  });
  center = c;
  const { ari } = c.mocks;
  const first = await callerReachesFundQueue(c, 'caller-1');
  const second = await callerReachesFundQueue(c, 'caller-2');

  // The two callers queued at the same (virtual) instant: either may be offered first.
  await readyAgent(c, '1001');
  await readyAgent(c, '1002');
  const rung = await until(() => (ari.originates.length >= 2 ? ari.originates : undefined), 'both phones ring');
  const agentOf = (callId: string) => rung.find((o) => o.appArgs === `agent,${callId}`)!.endpoint.replace('PJSIP/', '');
  const waiting = agentOf(first); // their caller's look-up hangs
  const other = agentOf(second);
  expect([waiting, other].sort()).toEqual(['1001', '1002']);
  await offeredTo(c, other);
  expect(c.consoleOf(other).find((m) => m.event === 'call.offered.v1')!.payload).toMatchObject({
    callId: second,
    pop: { status: KNOWN_POP.status },
  });

  // The counselor whose caller's look-up hangs is shown the call at once with a pending pop; the
  // pop follows when crm-api answers, also into the stored offer a reconnecting console is shown.
  await offeredTo(c, waiting);
  const offered = c.consoleOf(waiting).find((m) => m.event === 'call.offered.v1')!;
  expect(offered.payload).toMatchObject({ callId: first, pop: { status: 'pending', companies: [] } });
  expect(c.consoleOf(waiting).some((m) => m.event === 'call.pop.v1')).toBe(false);
  releaseFirst();
  const pop = await until(() => c.consoleOf(waiting).find((m) => m.event === 'call.pop.v1'), 'call.pop.v1');
  expect(pop.payload).toMatchObject({ callId: first, pop: { status: KNOWN_POP.status } });
  expect((await c.mocks.state.getOffer(first))?.pop.status).toBe(KNOWN_POP.status);
  expect((await c.mocks.state.getOffer(first))?.ivrPath).toEqual(offered.payload.ivrPath);
});

it('sends no late pop for an offer that has ended meanwhile', async () => {
  let release: () => void = () => undefined;
  const c = await buildCallCenter({
    callerPop: (number) => new Promise((resolve) => (release = () => resolve({ ...KNOWN_POP, number }))),
  });
  center = c;
  const { ari, state } = c.mocks;
  const callId = await callerReachesFundQueue(c, 'caller-1');
  await readyAgent(c, '1001');
  await offeredTo(c, '1001');
  ari.emit({ type: 'StasisEnd', channel: { id: 'caller-1', name: '', state: 'Up' } });
  await until(async () => (await state.getOffer(callId)) === null || undefined, 'offer removed');
  release();
  await until(async () => (await state.getCall(callId)) === null || undefined, 'call forgotten');
  expect(await state.getOffer(callId)).toBeNull();
  expect(c.consoleOf('1001').some((m) => m.event === 'call.pop.v1')).toBe(false);
});
