import { expect } from 'vitest';
import { type buildCallCenter, until } from './service-harness';

/** Steps of a call over the service harness, shared by the app tests. */
export type Center = Awaited<ReturnType<typeof buildCallCenter>>;

/** Caller arrives, hears the notice, presses 1 (fund) and reaches the queue. */
export async function callerReachesFundQueue(center: Center, channelId = 'caller-1') {
  const { ari, state } = center.mocks;
  ari.channels.set(channelId, { id: channelId, name: 'PJSIP/trunk-0001', state: 'Ring' });
  ari.emit({
    type: 'StasisStart',
    args: ['inbound'],
    channel: { id: channelId, name: 'PJSIP/trunk-0001', state: 'Ring', caller: { number: '01012345678', name: '' } },
  });
  const plays = () => ari.plays.filter((p) => p.channelId === channelId);
  const notice = await until(() => plays()[0], 'notice prompt');
  expect(notice.media).toEqual(['sound:cc1357/ko/notice']);
  ari.emit({ type: 'PlaybackFinished', playback: { id: notice.playbackId, state: 'done' } });
  await until(() => plays()[1], 'main menu');
  ari.emit({ type: 'ChannelDtmfReceived', digit: '1', channel: { id: channelId, name: '', state: 'Up' } });
  const connecting = await until(() => plays()[2], 'connecting prompt');
  ari.emit({ type: 'PlaybackFinished', playback: { id: connecting.playbackId, state: 'done' } });
  await until(async () => (await state.queueLength('fund')) > 0 || undefined, 'caller queued');
  const callId = await until(() => state.callIdOfChannel('node-a', channelId), 'call id');
  return callId;
}

/**
 * The offer to `agentId` is complete: its console was told, which comes after the ring timer is
 * armed. Advancing the clock before that would run past a timer that does not exist yet.
 */
export async function offeredTo(center: Center, agentId: string, nth = 1) {
  await until(
    () => center.consoleOf(agentId).filter((m) => m.event === 'call.offered.v1').length >= nth || undefined,
    `offer ${nth} to ${agentId}`,
  );
}

export async function readyAgent(center: Center, agentId: string) {
  await center.mocks.agents.apply(agentId, { type: 'login', displayName: agentId, skills: ['fund'] });
  await center.mocks.agents.apply(agentId, { type: 'ready' });
}
