import { describe, expect, it } from 'vitest';
import { matchRoute, parseParams } from '../src/ari/router';
import { StasisApps, type EventSink } from '../src/model/apps';
import { ariTimestamp } from '../src/model/clock';
import { DEFAULT_DIALPLAN, localBehaviour } from '../src/model/dialplan';
import { parseCallerId, splitArgs } from '../src/model/dialing';
import { createMediaCatalog } from '../src/media/durations';
import { encodeRecording, recordingDurationMs, wavBytes, wavDurationMs } from '../src/media/wav';
import { SimError } from '../src/model/errors';

describe('caller id and Stasis args', () => {
  it.each([
    ['"Kim" <0212345678>', { name: 'Kim', number: '0212345678' }],
    ['Queue <1357>', { name: 'Queue', number: '1357' }],
    ['01012345678', { name: '', number: '01012345678' }],
    [undefined, { name: '', number: '' }],
  ])('%s', (raw, want) => expect(parseCallerId(raw)).toEqual(want));

  it.each([
    ['snoop,listen', ['snoop', 'listen']],
    ['', []],
    [undefined, []],
    ['inbound', ['inbound']],
  ])('appArgs %s', (raw, want) => expect(splitArgs(raw)).toEqual(want));
});

describe('route matching', () => {
  it.each([
    ['POST', '/channels/create', 'create'],
    ['POST', '/channels/abc', 'originateWithId'],
    ['GET', '/channels/abc', 'get'],
    ['POST', '/channels/abc/play/pb1', 'playWithId'],
    ['GET', '/recordings/stored/cc%2Fcall-1', 'getStored'],
    ['DELETE', '/recordings/live/x/pause', 'unpause'],
    ['GET', '/endpoints/PJSIP/1001', 'get'],
  ])('%s %s → %s', (method, path, nickname) => {
    const m = matchRoute(method, path);
    expect(m.kind).toBe('route');
    if (m.kind === 'route') expect(m.spec.nickname).toBe(nickname);
  });

  it('decodes path params and tells 404 from 405', () => {
    const m = matchRoute('GET', '/recordings/stored/cc%2Fcall-1');
    expect(m.kind === 'route' && m.pathParams.recordingName).toBe('cc/call-1');
    expect(matchRoute('GET', '/nope').kind).toBe('notFound');
    expect(matchRoute('PATCH', '/channels').kind).toBe('badMethod');
  });

  it('coerces types, splits lists, applies defaults and Asterisk missing-parameter answers', () => {
    const m = matchRoute('POST', '/channels/c1/play');
    if (m.kind !== 'route') throw new Error('no route');
    const p = parseParams(m.spec, m.pathParams, new URLSearchParams('media=sound:a,sound:b&offsetms=5'), null);
    expect(p).toMatchObject({ channelId: 'c1', media: ['sound:a', 'sound:b'], offsetms: 5, skipms: 3000 });
    expect(() => parseParams(m.spec, m.pathParams, new URLSearchParams('media=x&offsetms=abc'), null)).toThrow(
      SimError,
    );
    const rec = matchRoute('POST', '/bridges/b1/record');
    if (rec.kind !== 'route') throw new Error('no route');
    try {
      parseParams(rec.spec, rec.pathParams, new URLSearchParams('format=wav'), null);
      throw new Error('should fail');
    } catch (err) {
      expect(err).toBeInstanceOf(SimError);
      expect((err as SimError).status).toBe(500);
      expect((err as SimError).body).toEqual({ message: 'Error parsing request' });
    }
  });
});

describe('subscriptions', () => {
  const sink = (): EventSink & { got: Record<string, unknown>[] } => {
    const got: Record<string, unknown>[] = [];
    return { got, send: (m) => got.push(m) };
  };
  it('delivers by channel/bridge subscription, once, stamped; StasisStart only to its app; drops when inactive', () => {
    const apps = new StasisApps(() => Date.UTC(2026, 10, 26, 2, 14, 32, 599), '02:fc:00:00:00:01');
    const a = sink();
    const b = sink();
    apps.activate('a', a, false);
    apps.activate('b', b, false);
    apps.subscribeChannel('a', 'c1', 'stasis');
    apps.subscribeChannel('b', 'c1', 'origin');
    apps.bridgeRef('a', 'br', 1);
    apps.deliver('ChannelStateChange', {}, { channels: ['c1'], bridges: ['br'] });
    apps.deliver('StasisStart', { args: [] }, { toApp: 'a' });
    expect(a.got.map((e) => e.type)).toEqual(['ChannelStateChange', 'StasisStart']);
    expect(b.got.map((e) => e.type)).toEqual(['ChannelStateChange']);
    expect(a.got[0]).toMatchObject({
      timestamp: '2026-11-26T02:14:32.599+0000',
      asterisk_id: '02:fc:00:00:00:01',
      application: 'a',
    });
    apps.deactivate('a', a);
    apps.deliver('ChannelStateChange', {}, { channels: ['c1'] });
    expect(a.got).toHaveLength(2);
    expect(apps.get('a')?.channels.has('c1')).toBe(true); // still registered with its channels
    const replacement = sink();
    expect(apps.activate('b', replacement, false)).toBe(b);
  });

  it('bridge refcount: moved/removed channels unsubscribe, hung-up ones do not', () => {
    const apps = new StasisApps(() => 0, 'id');
    apps.activate('a', { send() {} }, false);
    apps.bridgeRef('a', 'br', 1);
    apps.bridgeRef('a', 'br', 1);
    apps.bridgeRef('a', 'br', -1);
    expect(apps.get('a')?.bridges.get('br')).toBe(1);
    apps.bridgeRef('a', 'br', -1);
    expect(apps.get('a')?.bridges.has('br')).toBe(false);
  });
});

describe('media', () => {
  it.each([
    ['sound:hello-world', 1400],
    ['sound:cc1357/ko/notice', 4200],
    ['sound:unknown', 2000],
    ['digits:1234', 2000],
    ['bogus:x', null],
  ])('duration of %s', (uri, ms) => {
    const catalog = createMediaCatalog({ soundDurationsMs: { 'cc1357/ko/notice': 4200 } });
    expect(catalog.durationMs(uri)).toBe(ms);
  });

  it('knownSounds limits which sounds exist', () => {
    const catalog = createMediaCatalog({ knownSounds: new Set(['beep']) });
    expect(catalog.durationMs('sound:beep')).toBe(420);
    expect(catalog.durationMs('sound:hello-world')).toBeNull();
  });

  it.each([0, 20, 1000, 2500])('WAV of %i ms is RIFF/WAVE PCM with that length', (ms) => {
    const wav = wavBytes(ms);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wavDurationMs(wav)).toBe(ms);
  });

  it.each([8000, 16000])('a %i Hz WAV carries the same audible tone in every second, to its last sample', (rate) => {
    const wav = wavBytes(2_500, rate);
    const sample = (i: number) => wav.readInt16LE(44 + i * 2);
    const samples = (wav.length - 44) / 2;
    expect(samples).toBe(2.5 * rate);
    // Audible but soft: the tone peaks near ±600 under ±50 of noise.
    const firstSecond = Array.from({ length: rate }, (_, i) => Math.abs(sample(i)));
    expect(Math.max(...firstSecond)).toBeGreaterThan(500);
    expect(Math.max(...firstSecond)).toBeLessThan(700);
    // Later seconds (and the half second at the end) repeat the first.
    for (const i of [0, 1, 319, rate - 1]) expect(sample(rate + i)).toBe(sample(i));
    expect(sample(samples - 1)).toBe(sample(rate / 2 - 1));
  });

  it.each(['sln', 'ulaw', 'alaw', 'gsm', 'g722'])(
    'a headerless %s file of 2.5 s reads back as 2.5 s from its size',
    (format) => {
      expect(recordingDurationMs(format, encodeRecording(format, 2500))).toBe(2500);
    },
  );
});

describe('dialplan and timestamps', () => {
  it.each([
    ['1357', 'inbound', { kind: 'stasis', app: 'cc-ivr', args: ['inbound'] }],
    ['agent', 'agents', { kind: 'answer' }],
    ['noanswer', 'agents', { kind: 'ring' }],
    ['s', 'park', { kind: 'wait' }],
    ['x', 'stasis-callcenter', { kind: 'stasis', app: 'callcenter', args: [], fallback: 'end' }],
    ['x', 'nowhere', null],
  ])('Local/%s@%s', (exten, context, want) => expect(localBehaviour(DEFAULT_DIALPLAN, exten, context)).toEqual(want));

  it('formats timestamps like Asterisk', () =>
    expect(ariTimestamp(Date.UTC(2026, 0, 2, 3, 4, 5, 6))).toBe('2026-01-02T03:04:05.006+0000'));
});
