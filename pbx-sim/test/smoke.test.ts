import { afterEach, describe, expect, it } from 'vitest';
import ari from './ari';
import type { PbxSim } from '../src/index';
import { control, sim, waitUntil } from './helpers';

let s: PbxSim | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('ari-client against pbx-sim', () => {
  it('loads the API, receives StasisStart for a PSTN call and drives it', async () => {
    s = await sim();
    const client = await ari.connect(s.url, 'asterisk', 'asterisk');
    const seen: string[] = [];
    client.on('*', (e: { type: string }) => seen.push(e.type));
    let started:
      | { id: string; answer: () => Promise<void>; play: (o: object) => Promise<{ id: string; state: string }> }
      | undefined;
    client.on('StasisStart', (_e: unknown, channel: typeof started) => {
      started = channel;
    });
    await client.start('callcenter');
    const placed = await control(s, 'POST', '/calls', { from: '0212345678', to: '1357' });
    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({ route: 'stasis' });
    const channel = await waitUntil(() => started, 'StasisStart');
    expect(channel.id).toBe((placed.body as { channelId: string }).channelId);
    await channel.answer();
    const pb = await channel.play({ media: 'sound:hello-world' });
    expect(pb.state).toBe('queued');
    await waitUntil(() => seen.includes('PlaybackFinished'), 'PlaybackFinished');
    const list = await client.channels.list();
    expect(list.map((c: { id: string }) => c.id)).toContain(channel.id);
    await control(s, 'POST', `/channels/${encodeURIComponent(channel.id)}/hangup`, {});
    await waitUntil(() => seen.includes('StasisEnd'), 'StasisEnd');
    expect(seen).toEqual([
      'StasisStart',
      'ChannelStateChange',
      'PlaybackStarted',
      'PlaybackFinished',
      'ChannelHangupRequest',
      'StasisEnd',
    ]);
    client.stop();
  });

  it('surfaces ARI errors to ari-client as the raw JSON body', async () => {
    s = await sim();
    const client = await ari.connect(s.url, 'asterisk', 'asterisk');
    await expect(client.channels.get({ channelId: 'nope' })).rejects.toThrow('{"message":"Channel not found"}');
  });
});
