import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { wavDurationMs, type PbxSim } from '../src/index';
import { EventSocket, ari, chan, control, http, sim, waitUntil } from './helpers';
import { invalidFrames } from './helpers-validate';

let s: PbxSim | undefined;
const open: EventSocket[] = [];
afterEach(async () => {
  for (const sock of open.splice(0)) sock.close();
  await s?.close();
  s = undefined;
});

async function answeredCall(sock: EventSocket): Promise<string> {
  const { channelId } = (await control(s!, 'POST', '/calls', { from: '01012345678' })).body as { channelId: string };
  await sock.waitFor((e) => e.type === 'StasisStart' && chan(e).id === channelId, 'StasisStart');
  expect((await ari(s!, 'POST', `/channels/${channelId}/answer`)).status).toBe(204);
  return channelId;
}

async function setup(options: Parameters<typeof sim>[0] = {}) {
  s = await sim(options);
  const sock = await EventSocket.open(s, 'callcenter');
  open.push(sock);
  return sock;
}

describe('playbacks (ARI-FACTS §5)', () => {
  it('a channel playing in a bridge leaves it only once the playback ended (observed on 22.10.1)', async () => {
    const sock = await setup({ soundDurationsMs: { 'cc1357/ko/notice': 600_000 } });
    const id = await answeredCall(sock);
    expect((await ari(s!, 'POST', '/bridges', { type: 'holding', bridgeId: 'hold' })).status).toBe(200);
    expect((await ari(s!, 'POST', '/bridges/hold/addChannel', { channel: id })).status).toBe(204);
    await ari(s!, 'POST', `/channels/${id}/play`, { media: 'sound:cc1357/ko/notice', playbackId: 'pa' });
    await sock.waitFor((e) => e.type === 'PlaybackStarted', 'announcement playing');
    // The move waits on the channel's playback (a 10-minute prompt: it is still waiting below)...
    let answered = false;
    const removal = ari(s!, 'POST', '/bridges/hold/removeChannel', { channel: id }).then((r) => {
      answered = true;
      return r;
    });
    expect((await ari(s!, 'GET', '/bridges/hold')).body).toMatchObject({ channels: [id] });
    expect(answered).toBe(false);
    // ...and is carried out as soon as it is stopped.
    expect((await ari(s!, 'DELETE', '/playbacks/pa')).status).toBe(204);
    expect((await removal).status).toBe(204);
    const order = sock.events
      .filter((e) => e.type === 'PlaybackFinished' || e.type === 'ChannelLeftBridge')
      .map((e) => e.type);
    expect(order).toEqual(['PlaybackFinished', 'ChannelLeftBridge']);
  });

  it('queue on a channel: 201 queued, one playing at a time, in order; DELETE moves to the next', async () => {
    // The first prompt is far longer than any test step, so "still playing" never depends on load.
    const sock = await setup({ soundDurationsMs: { 'cc1357/ko/notice': 600_000, 'cc1357/ko/menu': 300 } });
    const id = await answeredCall(sock);
    const a = await ari(s!, 'POST', `/channels/${id}/play`, { media: 'sound:cc1357/ko/notice', playbackId: 'pa' });
    const b = await ari(s!, 'POST', `/channels/${id}/play`, { media: 'sound:cc1357/ko/menu', playbackId: 'pb' });
    expect(a).toMatchObject({
      status: 201,
      body: { id: 'pa', state: 'queued', target_uri: `channel:${id}`, media_uri: 'sound:cc1357/ko/notice' },
    });
    expect(b.body).toMatchObject({ state: 'queued' });
    await sock.waitFor((e) => e.type === 'PlaybackStarted', 'first start');
    expect((await ari(s!, 'GET', '/playbacks/pa')).body).toMatchObject({ state: 'playing' });
    expect((await ari(s!, 'GET', '/playbacks/pb')).body).toMatchObject({ state: 'queued' });
    expect((await ari(s!, 'DELETE', '/playbacks/pa')).status).toBe(204);
    expect((await ari(s!, 'DELETE', '/playbacks/pa')).body).toEqual({ message: 'Playback not found' });
    await sock.waitFor(
      (e) => e.type === 'PlaybackFinished' && (e.playback as { id: string }).id === 'pb',
      'second done',
    );
    const order = sock.events
      .filter((e) => e.type.startsWith('Playback'))
      .map((e) => `${e.type}:${(e.playback as { id: string }).id}:${(e.playback as { state: string }).state}`);
    expect(order).toEqual([
      'PlaybackStarted:pa:playing',
      'PlaybackFinished:pa:done',
      'PlaybackStarted:pb:playing',
      'PlaybackFinished:pb:done',
    ]);
    expect((await ari(s!, 'GET', '/playbacks/pb')).status).toBe(404);
  });

  it('a longer sound is still playing when a shorter one started after it is done (durations from the table)', async () => {
    const sock = await setup({ soundDurationsMs: { long: 150_000, short: 200 } });
    const one = await answeredCall(sock);
    const two = await answeredCall(sock);
    await ari(s!, 'POST', `/channels/${one}/play`, { media: 'sound:long', playbackId: 'L' });
    await ari(s!, 'POST', `/channels/${two}/play`, { media: 'sound:short', playbackId: 'S' });
    await sock.waitFor((e) => e.type === 'PlaybackFinished' && (e.playback as { id: string }).id === 'S', 'short done');
    expect((await ari(s!, 'GET', '/playbacks/L')).body).toMatchObject({ state: 'playing' });
    expect((await ari(s!, 'DELETE', '/playbacks/L')).status).toBe(204);
    await sock.waitFor(
      (e) => e.type === 'PlaybackFinished' && (e.playback as { id: string }).id === 'L',
      'long stopped',
    );
  });

  it('several media: one id, Started → Continuing → Started → Finished; missing sound fails at once', async () => {
    const sock = await setup({ knownSounds: new Set(['a', 'b']), defaultSoundMs: 100 });
    const id = await answeredCall(sock);
    const res = await ari(s!, 'POST', `/channels/${id}/play`, { media: 'sound:a,sound:b', playbackId: 'ab' });
    expect(res.body).toMatchObject({ media_uri: 'sound:a', next_media_uri: 'sound:b' });
    await sock.waitFor((e) => e.type === 'PlaybackFinished' && (e.playback as { id: string }).id === 'ab', 'done');
    await ari(s!, 'POST', `/channels/${id}/play`, { media: 'sound:nope', playbackId: 'x' });
    const fin = await sock.waitFor(
      (e) => e.type === 'PlaybackFinished' && (e.playback as { id: string }).id === 'x',
      'failed',
    );
    expect(fin.playback).toMatchObject({ state: 'failed' });
    const seq = sock.events
      .filter((e) => e.type.startsWith('Playback'))
      .map((e) => `${e.type}:${(e.playback as { media_uri: string }).media_uri}`);
    expect(seq).toEqual([
      'PlaybackStarted:sound:a',
      'PlaybackContinuing:sound:a',
      'PlaybackStarted:sound:b',
      'PlaybackFinished:sound:b',
      'PlaybackStarted:sound:nope',
      'PlaybackFinished:sound:nope',
    ]);
    expect(await invalidFrames(s!, sock)).toEqual([]);
  });
});

describe('recordings (ARI-FACTS §4)', () => {
  it('the simulator’s recording limit finishes a recording that asked for none, while its call goes on', async () => {
    const sock = await setup({ maxRecordingSeconds: 2 });
    const a = await answeredCall(sock);
    expect((await ari(s!, 'POST', `/channels/${a}/record`, { name: 'long', format: 'wav' })).status).toBe(201);
    const fin = await sock.waitFor((e) => e.type === 'RecordingFinished', 'RecordingFinished');
    expect(fin.recording).toMatchObject({ name: 'long', state: 'done', duration: 2 });
    expect(wavDurationMs(fs.readFileSync(path.join(s!.recordingDir, 'long.wav')))).toBe(2000);
    expect((await ari(s!, 'GET', `/channels/${a}`)).status).toBe(200); // the call is still up
    // A request's own shorter limit stands.
    expect(
      (await ari(s!, 'POST', `/channels/${a}/record`, { name: 'short', format: 'wav', maxDurationSeconds: 1 })).status,
    ).toBe(201);
    const short = await sock.waitFor(
      (e) => e.type === 'RecordingFinished' && (e.recording as { name: string }).name === 'short',
      'the short one finished',
    );
    expect(short.recording).toMatchObject({ duration: 1 });
  });

  it('bridge recording: <dir>/<name>.wav, valid 8 kHz mono WAV as long as the simulated duration', async () => {
    const sock = await setup();
    const a = await answeredCall(sock);
    const b = await answeredCall(sock);
    await ari(s!, 'POST', '/bridges', { type: 'mixing', bridgeId: 'call1' });
    await ari(s!, 'POST', '/bridges/call1/addChannel', { channel: `${a},${b}` });
    const rec = await ari(s!, 'POST', '/bridges/call1/record', {
      name: 'cc/2026/call-1',
      format: 'wav',
      maxDurationSeconds: 2,
    });
    expect(rec).toMatchObject({
      status: 201,
      body: { name: 'cc/2026/call-1', state: 'queued', target_uri: 'bridge:call1' },
    });
    const fin = await sock.waitFor((e) => e.type === 'RecordingFinished', 'RecordingFinished');
    expect(fin.recording).toMatchObject({ state: 'done', duration: 2 });
    const file = path.join(s!.recordingDir, 'cc/2026/call-1.wav');
    const bytes = fs.readFileSync(file);
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
    expect(bytes.readUInt16LE(22)).toBe(1); // mono
    expect(bytes.readUInt32LE(24)).toBe(8000);
    expect(bytes.readUInt16LE(34)).toBe(16);
    const ms = wavDurationMs(bytes) ?? 0;
    expect(ms).toBe(2000); // maxDurationSeconds reached: exactly two simulated seconds
    const stored = await ari(s!, 'GET', `/recordings/stored/${encodeURIComponent('cc/2026/call-1')}`);
    expect(stored).toMatchObject({ status: 200, body: { name: 'cc/2026/call-1', format: 'wav' } });
    const dl = await fetch(
      `${s!.url}/ari/recordings/stored/${encodeURIComponent('cc/2026/call-1')}/file?api_key=asterisk:asterisk`,
    );
    expect(dl.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await dl.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('conflicts, unknown format, channel-in-bridge failure, stop/cancel, copy and delete', async () => {
    const sock = await setup();
    const a = await answeredCall(sock);
    expect((await ari(s!, 'POST', `/channels/${a}/record`, { name: 'r1', format: 'mp3' })).body).toEqual({
      message: 'specified format is unknown on this system',
    });
    expect((await ari(s!, 'POST', `/channels/${a}/record`, { name: 'r1', format: 'wav' })).status).toBe(201);
    expect(await ari(s!, 'POST', `/channels/${a}/record`, { name: 'r1', format: 'wav' })).toMatchObject({
      status: 409,
      body: { message: "Recording 'r1' already exists and can not be overwritten" },
    });
    await sock.waitFor((e) => e.type === 'RecordingStarted', 'started');
    expect((await ari(s!, 'POST', '/recordings/live/r1/pause')).status).toBe(204);
    expect((await ari(s!, 'POST', '/recordings/live/r1/pause')).status).toBe(204);
    expect((await ari(s!, 'GET', '/recordings/live/r1')).body).toMatchObject({ state: 'paused' });
    expect((await ari(s!, 'POST', '/recordings/live/r1/stop')).status).toBe(204);
    await sock.waitFor((e) => e.type === 'RecordingFinished', 'finished');
    expect((await ari(s!, 'GET', '/recordings/live/r1')).status).toBe(404);
    expect((await ari(s!, 'POST', `/channels/${a}/record`, { name: 'r1', format: 'wav' })).status).toBe(409); // file exists, ifExists=fail
    expect(
      (await ari(s!, 'POST', '/recordings/stored/r1/copy', { destinationRecordingName: 'copies/r1' })).body,
    ).toEqual({ name: 'copies/r1', format: 'wav' });
    expect(
      (await ari(s!, 'POST', '/recordings/stored/r1/copy', { destinationRecordingName: 'copies/r1' })).body,
    ).toEqual({
      message: 'A recording with the same name already exists on the system',
    });
    expect(((await ari(s!, 'GET', '/recordings/stored')).body as { name: string }[]).map((r) => r.name)).toEqual([
      'copies/r1',
      'r1',
    ]);
    expect((await ari(s!, 'DELETE', '/recordings/stored/r1')).status).toBe(204);
    expect((await ari(s!, 'GET', `/recordings/stored/${encodeURIComponent('../../etc/passwd')}`)).status).toBe(404);

    // cancel deletes the file
    await ari(s!, 'POST', `/channels/${a}/record`, { name: 'r2', format: 'wav' });
    await sock.waitFor(
      (e) => e.type === 'RecordingStarted' && (e.recording as { name: string }).name === 'r2',
      'r2 started',
    );
    expect((await ari(s!, 'DELETE', '/recordings/live/r2')).status).toBe(204);
    await sock.waitFor(
      (e) => e.type === 'RecordingFinished' && (e.recording as { name: string }).name === 'r2',
      'r2 finished',
    );
    expect((await ari(s!, 'GET', '/recordings/stored/r2')).status).toBe(404);

    // a bridged channel cannot be recorded on 22.10.1
    await ari(s!, 'POST', '/bridges', { bridgeId: 'hb', type: 'holding' });
    await ari(s!, 'POST', '/bridges/hb/addChannel', { channel: a });
    expect((await ari(s!, 'POST', `/channels/${a}/record`, { name: 'r3', format: 'wav' })).status).toBe(201);
    const failed = await sock.waitFor((e) => e.type === 'RecordingFailed', 'failed');
    expect(failed.recording).toMatchObject({
      name: 'r3',
      state: 'failed',
      cause: 'Cannot record channel while in bridge',
    });
    expect(await invalidFrames(s!, sock)).toEqual([]);
  });

  it('ifExists=append adds to a headerless (ulaw) recording: its earlier length comes from the file size', async () => {
    const sock = await setup();
    const a = await answeredCall(sock);
    const finished = (n: number) => waitUntil(() => sock.of('RecordingFinished')[n - 1], `RecordingFinished #${n}`);
    expect(
      (await ari(s!, 'POST', `/channels/${a}/record`, { name: 'vm', format: 'ulaw', maxDurationSeconds: 2 })).status,
    ).toBe(201);
    expect((await finished(1)).recording).toMatchObject({ name: 'vm', duration: 2 });
    const file = path.join(s!.recordingDir, 'vm.ulaw');
    await waitUntil(() => fs.existsSync(file) && fs.statSync(file).size === 16_000, 'two seconds of 8 kHz ulaw');
    expect(
      (
        await ari(s!, 'POST', `/channels/${a}/record`, {
          name: 'vm',
          format: 'ulaw',
          maxDurationSeconds: 1,
          ifExists: 'append',
        })
      ).status,
    ).toBe(201);
    expect((await finished(2)).recording).toMatchObject({ name: 'vm', duration: 3 });
    await waitUntil(() => fs.statSync(file).size === 24_000, 'three seconds after the append');
  });

  it('channel recording waits behind a playing prompt', async () => {
    const sock = await setup({ soundDurationsMs: { prompt: 500 } });
    const a = await answeredCall(sock);
    await ari(s!, 'POST', `/channels/${a}/play`, { media: 'sound:prompt' });
    await ari(s!, 'POST', `/channels/${a}/record`, { name: 'after', format: 'wav' });
    await sock.waitFor((e) => e.type === 'RecordingStarted', 'started');
    const types = sock.events.map((e) => e.type).filter((t) => t.startsWith('Playback') || t.startsWith('Recording'));
    expect(types).toEqual(['PlaybackStarted', 'PlaybackFinished', 'RecordingStarted']);
    await control(s!, 'POST', `/channels/${a}/hangup`, {});
    const fin = await sock.waitFor((e) => e.type === 'RecordingFinished', 'finished on hangup');
    expect(fin.recording).toMatchObject({ state: 'done' });
    await waitUntil(async () => (await ari(s!, 'GET', '/recordings/stored/after')).status === 200, 'stored');
    expect((await http(s!, 'GET', '/ari/recordings/stored/after/file')).status).toBe(200);
  });
});
