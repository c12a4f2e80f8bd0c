import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PbxSim } from '../src/index';
import { EventSocket, ari, chan, control, http, sim, waitUntil } from './helpers';
import { invalidFrames } from './helpers-validate';

let s: PbxSim | undefined;
const closers: (() => void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) c();
  await s?.close();
  s = undefined;
});

async function setup() {
  s = await sim();
  const sock = await EventSocket.open(s, 'callcenter');
  closers.push(() => sock.close());
  const simEvents: { type: string; endpoint?: string; channelId?: string; cause?: number }[] = [];
  const ws = new WebSocket(`${s.url.replace('http', 'ws')}/control/events?api_key=asterisk:asterisk`);
  ws.on('message', (d) => simEvents.push(JSON.parse(d.toString())));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  closers.push(() => ws.close());
  return { sock, simEvents };
}

const enc = encodeURIComponent;

describe('steering API: agent phones', () => {
  it('manual phone: rings (Dial RINGING, phone.ringing), answered from the control API, enters Stasis', async () => {
    const { sock, simEvents } = await setup();
    const res = await ari(s!, 'POST', '/channels', {
      endpoint: 'PJSIP/1001',
      app: 'callcenter',
      appArgs: 'agent,1001',
      callerId: '"1357" <1357>',
    });
    expect(res.body).toMatchObject({ state: 'Down', name: expect.stringMatching(/^PJSIP\/1001-[0-9a-f]{8}$/) });
    const id = (res.body as { id: string }).id;
    await waitUntil(() => simEvents.find((e) => e.type === 'phone.ringing' && e.channelId === id), 'phone.ringing');
    expect((await control(s!, 'GET', `/phones/${enc('PJSIP/1001')}`)).body).toEqual({
      endpoint: 'PJSIP/1001',
      mode: 'manual',
      ringingChannelId: id,
      activeChannelId: null,
    });
    expect((await control(s!, 'POST', `/phones/${enc('PJSIP/1001')}/answer`)).status).toBe(204);
    const start = await sock.waitFor((e) => e.type === 'StasisStart', 'StasisStart');
    expect(start.args).toEqual(['agent', '1001']);
    expect(sock.events.map((e) => (e.type === 'Dial' ? `Dial:${String(e.dialstatus)}` : e.type))).toEqual([
      'Dial:',
      'ChannelStateChange',
      'Dial:RINGING',
      'ChannelStateChange',
      'Dial:ANSWER',
      'ChannelVarset',
      'StasisStart',
    ]);
    expect((await control(s!, 'GET', `/phones/${enc('PJSIP/1001')}`)).body).toMatchObject({
      ringingChannelId: null,
      activeChannelId: id,
    });
    // the agent hangs up: the app sees it end, with ChannelDestroyed (it originated the leg)
    await control(s!, 'POST', `/channels/${id}/hangup`, {});
    const destroyed = await sock.waitFor((e) => e.type === 'ChannelDestroyed', 'destroyed');
    expect(destroyed).toMatchObject({ cause: 16, cause_txt: 'Normal Clearing' });
    expect(await invalidFrames(s!, sock)).toEqual([]);
  });

  it('no answer: the originate timeout gives the leg up with cause 19', async () => {
    const { sock } = await setup();
    await control(s!, 'PUT', `/phones/${enc('PJSIP/1002')}`, { mode: 'noAnswer' });
    await ari(s!, 'POST', '/channels', { endpoint: 'PJSIP/1002', app: 'callcenter', timeout: 5 });
    const destroyed = await sock.waitFor((e) => e.type === 'ChannelDestroyed', 'destroyed');
    expect(destroyed).toMatchObject({ cause: 19, cause_txt: 'User alerting, no answer' });
    expect(sock.of('StasisStart')).toEqual([]);
  });

  it('autoAnswer, reject and offline phones', async () => {
    const { sock } = await setup();
    await control(s!, 'PUT', `/phones/${enc('PJSIP/2001')}`, { mode: 'autoAnswer', answerAfterMs: 300 });
    await control(s!, 'PUT', `/phones/${enc('PJSIP/2002')}`, { mode: 'reject' });
    await control(s!, 'PUT', `/phones/${enc('PJSIP/2003')}`, { mode: 'offline' });
    const auto = (await ari(s!, 'POST', '/channels', { endpoint: 'PJSIP/2001', app: 'callcenter' })).body as {
      id: string;
    };
    const rej = (await ari(s!, 'POST', '/channels', { endpoint: 'PJSIP/2002', app: 'callcenter' })).body as {
      id: string;
    };
    const off = (await ari(s!, 'POST', '/channels', { endpoint: 'PJSIP/2003', app: 'callcenter' })).body as {
      id: string;
    };
    await sock.waitFor((e) => e.type === 'StasisStart' && chan(e).id === auto.id, 'auto answered');
    const causeOf = async (id: string) =>
      (await sock.waitFor((e) => e.type === 'ChannelDestroyed' && chan(e).id === id, `destroyed ${id}`)).cause;
    expect(await causeOf(rej.id)).toBe(17);
    expect(await causeOf(off.id)).toBe(20);
    const endpoints = (await ari(s!, 'GET', '/endpoints')).body as { resource: string; state: string }[];
    expect(endpoints.find((e) => e.resource === '2003')?.state).toBe('offline');
  });
});

describe('steering API: callers', () => {
  it('DTMF per digit with duration 100, also while bridged; remote hangup', async () => {
    const { sock, simEvents } = await setup();
    const { channelId } = (await control(s!, 'POST', '/calls', { from: '', callerName: '익명' })).body as {
      channelId: string;
    };
    const start = await sock.waitFor((e) => e.type === 'StasisStart', 'start');
    expect((start.channel as { caller: unknown }).caller).toEqual({ name: '익명', number: '' });
    await ari(s!, 'POST', `/channels/${channelId}/answer`);
    await ari(s!, 'POST', '/bridges', { bridgeId: 'q', type: 'holding' });
    await ari(s!, 'POST', '/bridges/q/addChannel', { channel: channelId });
    expect((await control(s!, 'POST', `/channels/${channelId}/dtmf`, { digits: '1#', gapMs: 100 })).status).toBe(204);
    await waitUntil(() => sock.of('ChannelDtmfReceived').length === 2, 'two digits');
    expect(sock.of('ChannelDtmfReceived').map((e) => [e.digit, e.duration_ms])).toEqual([
      ['1', 100],
      ['#', 100],
    ]);
    await control(s!, 'POST', `/channels/${channelId}/hangup`, { cause: 17 });
    await sock.waitFor((e) => e.type === 'StasisEnd', 'end');
    await waitUntil(() => simEvents.find((e) => e.type === 'channel.hungup' && e.cause === 17), 'channel.hungup');
    expect((await control(s!, 'GET', `/calls/${channelId}`)).body).toMatchObject({
      route: 'stasis',
      hungUp: true,
      cause: 17,
    });
    expect((await control(s!, 'GET', '/bridges')).body).toEqual([expect.objectContaining({ id: 'q', channels: [] })]);
  });

  it('an unknown number is unrouted and hung up', async () => {
    await setup();
    const res = (await control(s!, 'POST', '/calls', { from: '0212345678', to: '9999' })).body as {
      channelId: string;
      route: string;
    };
    expect(res.route).toBe('unrouted');
    await waitUntil(
      async () => ((await control(s!, 'GET', `/calls/${res.channelId}`)).body as { hungUp: boolean }).hungUp,
      'hung up',
    );
  });

  it('snoop: a Snoop/<id>-N channel enters the app Up with its args; direction rules', async () => {
    const { sock } = await setup();
    const { channelId } = (await control(s!, 'POST', '/calls', { from: '0212345678' })).body as { channelId: string };
    await sock.waitFor((e) => e.type === 'StasisStart', 'start');
    expect(await ari(s!, 'POST', `/channels/${channelId}/snoop`, { app: 'callcenter' })).toMatchObject({
      status: 400,
      body: { message: 'Direction must be specified for at least spy or whisper' },
    });
    expect((await ari(s!, 'POST', '/channels/none/snoop', { app: 'callcenter', spy: 'both' })).body).toEqual({
      message: 'Provided channel was not found',
    });
    const snoop = await ari(s!, 'POST', `/channels/${channelId}/snoop`, {
      app: 'callcenter',
      spy: 'both',
      whisper: 'out',
      appArgs: 'snoop,whisper',
      snoopId: 'sn1',
    });
    expect(snoop.body).toMatchObject({
      id: 'sn1',
      state: 'Up',
      name: expect.stringMatching(new RegExp(`^Snoop/${channelId}-[0-9a-f]{8}$`)),
    });
    const st = await sock.waitFor((e) => e.type === 'StasisStart' && chan(e).id === 'sn1', 'snoop start');
    expect(st.args).toEqual(['snoop', 'whisper']);
    await control(s!, 'POST', `/channels/${channelId}/hangup`, {});
    await sock.waitFor((e) => e.type === 'StasisEnd' && chan(e).id === 'sn1', 'snoop gone with its target');
  });
});

describe('steering API: bad input', () => {
  it.each([
    ['POST', '/calls', { from: 12 }, 400, 'from'],
    ['POST', '/calls', { to: '' }, 400, 'to'],
    ['PUT', `/phones/${enc('PJSIP/1001')}`, { mode: 'sometimes' }, 400, 'mode'],
    ['PUT', '/phones/not-an-endpoint', { mode: 'manual' }, 400, 'endpoint'],
    ['POST', `/phones/${enc('PJSIP/1009')}/answer`, undefined, 409, 'not ringing'],
    ['POST', '/channels/nope/dtmf', { digits: '1' }, 404, 'nope'],
    ['POST', '/ws/drop', { app: 5 }, 400, 'app'],
  ])('%s %s → %i naming %s', async (method, path, body, status, word) => {
    await setup();
    const res = await control(s!, method, path, body);
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.body)).toContain(word);
    expect(res.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  it('bad DTMF digits on a live channel are refused with the field named', async () => {
    const { sock } = await setup();
    const { channelId } = (await control(s!, 'POST', '/calls', { from: '0212345678' })).body as { channelId: string };
    await sock.waitFor((e) => e.type === 'StasisStart', 'start');
    const res = await control(s!, 'POST', `/channels/${channelId}/dtmf`, { digits: '12x' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: { code: 'BAD_REQUEST', fields: [expect.objectContaining({ path: 'digits' })] },
    });
    const broken = await fetch(`${s!.url}/control/calls?api_key=asterisk:asterisk`, { method: 'POST', body: '{' });
    expect(broken.status).toBe(400);
    expect((await http(s!, 'GET', '/control/nothing')).status).toBe(404);
    expect((await http(s!, 'GET', '/control/calls', { auth: null })).status).toBe(401);
  });
});
