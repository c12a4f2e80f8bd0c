import { afterEach, describe, expect, it } from 'vitest';
import type { PbxSim } from '../src/index';
import { EventSocket, ari, chan, control, sim } from './helpers';

/**
 * Snoop and live-recording controls where pbx-sim answered otherwise than Asterisk 22.10.1
 * (issue 13 §4; read in res/ari/resource_channels.c, res/res_stasis_recording.c and
 * res/ari/resource_recordings.c of the 22.10.1 source).
 */
let s: PbxSim | undefined;
const open: EventSocket[] = [];
afterEach(async () => {
  for (const sock of open.splice(0)) sock.close();
  await s?.close();
  s = undefined;
});

async function answeredCall(options: Parameters<typeof sim>[0] = {}) {
  s = await sim(options);
  const sock = await EventSocket.open(s, 'callcenter');
  open.push(sock);
  const { channelId } = (await control(s, 'POST', '/calls', { from: '01012345678' })).body as { channelId: string };
  await sock.waitFor((e) => e.type === 'StasisStart' && chan(e).id === channelId, 'StasisStart');
  expect((await ari(s, 'POST', `/channels/${channelId}/answer`)).status).toBe(204);
  return { sock, channelId };
}

describe('snoop checks in Asterisk order', () => {
  it('directions before the app, the app before the channel', async () => {
    const { channelId } = await answeredCall();
    // No parameter at all: Asterisk complains about the directions first, not the app.
    expect(await ari(s!, 'POST', `/channels/${channelId}/snoop`)).toMatchObject({
      status: 400,
      body: { message: 'Direction must be specified for at least spy or whisper' },
    });
    expect(await ari(s!, 'POST', `/channels/${channelId}/snoop`, { spy: 'sideways' })).toMatchObject({
      status: 400,
      body: { message: 'Invalid direction specified for spy' },
    });
    expect(await ari(s!, 'POST', `/channels/${channelId}/snoop`, { spy: 'both' })).toMatchObject({
      status: 400,
      body: { message: 'Application name is required' },
    });
    // The app is checked before the channel is looked up.
    expect(await ari(s!, 'POST', '/channels/gone/snoop', { spy: 'both' })).toMatchObject({
      status: 400,
      body: { message: 'Application name is required' },
    });
    expect(await ari(s!, 'POST', '/channels/gone/snoop', { spy: 'both', app: 'callcenter' })).toMatchObject({
      status: 404,
      body: { message: 'Provided channel was not found' },
    });
  });

  it('a snoop id already in use is a 500 "could not be created" (the channel allocation fails), not a 409', async () => {
    const { sock, channelId } = await answeredCall();
    const first = await ari(s!, 'POST', `/channels/${channelId}/snoop`, {
      spy: 'both',
      app: 'callcenter',
      snoopId: 'sn',
    });
    expect(first.status).toBe(200);
    await sock.waitFor((e) => e.type === 'StasisStart' && chan(e).id === 'sn', 'snoop StasisStart');
    expect(
      await ari(s!, 'POST', `/channels/${channelId}/snoop/sn`, { whisper: 'out', app: 'callcenter' }),
    ).toMatchObject({
      status: 500,
      body: { message: 'Snoop channel could not be created' },
    });
    // Also against the id of an ordinary channel.
    expect(
      await ari(s!, 'POST', `/channels/${channelId}/snoop`, { spy: 'in', app: 'callcenter', snoopId: channelId }),
    ).toMatchObject({ status: 500, body: { message: 'Snoop channel could not be created' } });
  });
});

describe('live recording controls need a recording in session', () => {
  it('pause / unpause / mute / unmute of a queued recording → 409 "Recording not in session"; once recording, 204', async () => {
    // The long prompt keeps the channel recording queued behind it (ARI-FACTS §4/§5).
    const { sock, channelId } = await answeredCall({ soundDurationsMs: { 'cc1357/ko/notice': 600_000 } });
    await ari(s!, 'POST', `/channels/${channelId}/play`, { media: 'sound:cc1357/ko/notice', playbackId: 'pb' });
    const rec = await ari(s!, 'POST', `/channels/${channelId}/record`, { name: 'q1', format: 'wav' });
    expect(rec.body).toMatchObject({ state: 'queued' });
    for (const [method, op] of [
      ['POST', 'pause'],
      ['DELETE', 'pause'],
      ['POST', 'mute'],
      ['DELETE', 'mute'],
    ] as const) {
      expect(await ari(s!, method, `/recordings/live/q1/${op}`)).toMatchObject({
        status: 409,
        body: { message: 'Recording not in session' },
      });
    }
    expect((await ari(s!, 'DELETE', '/playbacks/pb')).status).toBe(204);
    await sock.waitFor((e) => e.type === 'RecordingStarted', 'recording starts after the prompt');
    // Unpausing a recording that is not paused is a no-op 204, as is pausing twice.
    expect((await ari(s!, 'DELETE', '/recordings/live/q1/pause')).status).toBe(204);
    expect((await ari(s!, 'POST', '/recordings/live/q1/pause')).status).toBe(204);
    expect((await ari(s!, 'POST', '/recordings/live/q1/pause')).status).toBe(204);
    expect((await ari(s!, 'GET', '/recordings/live/q1')).body).toMatchObject({ state: 'paused' });
    expect((await ari(s!, 'DELETE', '/recordings/live/q1/pause')).status).toBe(204);
    expect((await ari(s!, 'GET', '/recordings/live/q1')).body).toMatchObject({ state: 'recording' });
  });
});
