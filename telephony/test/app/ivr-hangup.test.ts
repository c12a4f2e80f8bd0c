import type { RawAriEvent } from '../../src/adapters/ari/port';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCallCenter, until } from '../support/service-harness';

type Center = Awaited<ReturnType<typeof buildCallCenter>>;

const CALLER = 'caller-1';
const channel = { id: CALLER, name: 'PJSIP/trunk-0001', state: 'Up' };

/** The caller arrives and the notice starts playing; returns the notice's playback id and the call id. */
async function noticePlaying(center: Center) {
  const { ari, state } = center.mocks;
  ari.channels.set(CALLER, { ...channel, state: 'Ring' });
  ari.emit({
    type: 'StasisStart',
    args: ['inbound'],
    channel: { ...channel, state: 'Ring', caller: { number: '01012345678', name: '' } },
  });
  const notice = await until(() => ari.plays[0], 'notice prompt');
  const callId = await until(() => state.callIdOfChannel('node-a', CALLER), 'call id');
  return { playbackId: notice.playbackId, callId };
}

/** Every ivr.step node and whether the call ended, once the call is forgotten and the outbox flushed. */
async function afterTheCall(center: Center, callId: string) {
  const { state, outbox, delivered } = center.mocks;
  await until(async () => (await state.getCall(callId)) === null, 'call forgotten');
  await until(async () => {
    await outbox.flush();
    return delivered.some((e) => e.callId === callId && e.type === 'call.ended');
  }, 'call.ended delivered');
  return delivered
    .filter((e) => e.callId === callId && e.type === 'ivr.step')
    .map((e) => (e.data as { nodeId: string }).nodeId);
}

/**
 * Asterisk reports a hang-up during a prompt as hang-up request → PlaybackFinished `failed` →
 * StasisEnd (ARI-FACTS §13). Whatever the order the events arrive in, a prompt the caller did not
 * hear must not walk the IVR on: the report must show the node where the caller left.
 */
describe('a prompt cut by a hang-up (fake ARI)', () => {
  let center: Center;
  beforeEach(async () => {
    center = await buildCallCenter();
  });
  afterEach(async () => center.close());

  const hangupRequest: RawAriEvent = { type: 'ChannelHangupRequest', channel };
  const stasisEnd: RawAriEvent = { type: 'StasisEnd', channel };
  const failed = (playbackId: string): RawAriEvent => ({
    type: 'PlaybackFinished',
    playback: { id: playbackId, state: 'failed' },
  });

  const orders: [string, (playbackId: string) => RawAriEvent[]][] = [
    ['hang-up request, failed playback, StasisEnd (Asterisk 22)', (id) => [hangupRequest, failed(id), stasisEnd]],
    ['failed playback, then StasisEnd, no hang-up request', (id) => [failed(id), stasisEnd]],
    ['StasisEnd before the failed playback', (id) => [stasisEnd, failed(id)]],
  ];

  it.each(orders)('%s: the IVR stops at the notice', async (_name, events) => {
    const { ari } = center.mocks;
    const { playbackId, callId } = await noticePlaying(center);
    ari.channels.delete(CALLER); // Asterisk answers 404 for the channel from here on
    for (const event of events(playbackId)) ari.emit(event);
    expect(await afterTheCall(center, callId)).toEqual(['notice']);
    expect(ari.plays).toHaveLength(1);
  });

  it('a prompt that fails on a live channel (missing sound) does not strand the caller: the menu follows', async () => {
    const { ari } = center.mocks;
    const { playbackId } = await noticePlaying(center);
    ari.emit(failed(playbackId));
    const menu = await until(() => ari.plays[1], 'main menu after the failed notice');
    expect(menu.channelId).toBe(CALLER);
  });

  it('a play refused with 404 (the caller just left) stops the IVR instead of walking the menu', async () => {
    const { ari } = center.mocks;
    const { playbackId, callId } = await noticePlaying(center);
    ari.channels.delete(CALLER);
    ari.refusePlays = 'Channel not found';
    ari.emit({ type: 'PlaybackFinished', playback: { id: playbackId, state: 'done' } });
    await until(() => ari.requests.filter((r) => r.startsWith(`play ${CALLER}`)).length === 2, 'the menu tried');
    // Had the IVR gone on, the menu's no-input timeout would prompt again (and again) by now.
    center.mocks.scheduler.advance(120_000);
    ari.emit(stasisEnd);
    expect(await afterTheCall(center, callId)).toEqual(['notice', 'hours', 'main-menu']);
    expect(ari.requests.filter((r) => r.startsWith(`play ${CALLER}`))).toHaveLength(2);
  });
});
