import { afterEach, describe, expect, it } from 'vitest';
import { buildCallCenter, until } from '../support/service-harness';

type Center = Awaited<ReturnType<typeof buildCallCenter>>;

/** A mobile caller asks for the policy-fund SMS (7, 1): plays each prompt through the fake ARI. */
async function mobileCallerAsksForSms(center: Center, channelId = 'caller-sms') {
  const { ari } = center.mocks;
  ari.channels.set(channelId, { id: channelId, name: 'PJSIP/trunk-0002', state: 'Ring' });
  ari.emit({
    type: 'StasisStart',
    args: ['inbound'],
    channel: { id: channelId, name: 'PJSIP/trunk-0002', state: 'Ring', caller: { number: '01012345678', name: '' } },
  });
  const plays = () => ari.plays.filter((p) => p.channelId === channelId);
  const finish = async (n: number, what: string) => {
    const play = await until(() => plays()[n], what);
    ari.emit({ type: 'PlaybackFinished', playback: { id: play.playbackId, state: 'done' } });
    return play;
  };
  await finish(0, 'notice');
  await until(() => plays()[1], 'main menu');
  ari.emit({ type: 'ChannelDtmfReceived', digit: '7', channel: { id: channelId, name: '', state: 'Up' } });
  await until(() => plays()[2], 'sms menu');
  ari.emit({ type: 'ChannelDtmfReceived', digit: '1', channel: { id: channelId, name: '', state: 'Up' } });
  return { plays, finish };
}

describe('IVR outcomes in the call service (fake ARI and CRM, real Redis and flows)', () => {
  let center: Center;
  afterEach(async () => center?.close());

  it('holds the SMS confirmation until crm-api took the request, then plays it and hangs up', async () => {
    center = await buildCallCenter();
    const { ari, smsRequests } = center.mocks;
    const { plays, finish } = await mobileCallerAsksForSms(center);
    const request = await until(() => smsRequests[0], 'SMS request to crm-api');
    expect(request.req).toMatchObject({
      number: '01012345678',
      topic: 'fund-notices',
      idempotencyKey: expect.stringMatching(/^ivr-sms-/),
    });
    // Menu prompts were stopped by the digits; the flow's sms-sent has not played yet.
    expect(plays().map((p) => p.media.join(','))).not.toContain('sound:cc1357/ko/sms-sent');
    request.answer();
    const confirmation = await finish(3, 'confirmation');
    expect(confirmation.media).toEqual(['sound:cc1357/ko/sms-sent']);
    await until(() => ari.requests.includes('hangup caller-sms'), 'caller hung up after the confirmation');
  });

  it('an opted-out number hears a polite notice instead of the confirmation', async () => {
    center = await buildCallCenter({ smsResult: 'optedOut' });
    const { ari, smsRequests, delivered, outbox } = center.mocks;
    const { plays, finish } = await mobileCallerAsksForSms(center, 'caller-opted');
    (await until(() => smsRequests[0], 'SMS request')).answer();
    const notice = await finish(3, 'opt-out notice');
    expect(notice.media).toEqual(['sound:cc1357/ko/sms-opted-out']);
    await until(() => ari.requests.includes('hangup caller-opted'), 'hung up');
    expect(plays()).toHaveLength(4);
    await until(async () => {
      await outbox.flush();
      return delivered.find((e) => e.type === 'sms.failed');
    }, 'sms.failed event');
    expect(delivered.find((e) => e.type === 'sms.failed')?.data).toMatchObject({
      result: 'optedOut',
      topic: 'fund-notices',
    });
  });

  it('ivr.step events name the flow, node, type, order and prompts', async () => {
    center = await buildCallCenter();
    const { delivered, outbox, smsRequests } = center.mocks;
    await mobileCallerAsksForSms(center, 'caller-steps');
    (await until(() => smsRequests[0], 'SMS request')).answer();
    const steps = await until(async () => {
      await outbox.flush();
      const s = delivered.filter((e) => e.type === 'ivr.step');
      return s.some((e) => e.data.nodeId === 'sms-send') ? s : null;
    }, 'steps delivered');
    const menu = steps.find((e) => e.data.nodeId === 'main-menu')!;
    expect(menu.data).toMatchObject({
      nodeType: 'menu',
      flow: 'main',
      prompts: [{ id: 'main-menu', text: expect.stringContaining('정책자금') }],
    });
    expect(steps.find((e) => e.data.nodeId === 'sms-send')?.data).toMatchObject({
      nodeType: 'sms',
      flow: 'sms',
      prompts: [{ id: 'sms-sent', text: expect.any(String) }],
    });
    const seqs = steps.map((e) => e.data.seq as number);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs.map((_, i) => i));
  });
});
