import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PbxSim } from '../src/index';
import { EventSocket, ari, chan, control, sim, waitUntil } from './helpers';
import { invalidFrames } from './helpers-validate';

let s: PbxSim | undefined;
const open: EventSocket[] = [];
afterEach(async () => {
  for (const sock of open.splice(0)) sock.close();
  await s?.close();
  s = undefined;
});

async function socket(app: string, subscribeAll = false): Promise<EventSocket> {
  const sock = await EventSocket.open(s!, app, subscribeAll);
  open.push(sock);
  return sock;
}

/** Control-stream listener (SimEvents). */
async function controlEvents(sim: PbxSim): Promise<{ events: { type: string; channelId?: string }[]; close(): void }> {
  const events: { type: string; channelId?: string }[] = [];
  const ws = new WebSocket(`${sim.url.replace('http', 'ws')}/control/events?api_key=asterisk:asterisk`);
  ws.on('message', (d) => events.push(JSON.parse(d.toString())));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { events, close: () => ws.close() };
}

async function inboundCall(sock: EventSocket, from = '0212345678'): Promise<string> {
  const placed = await control(s!, 'POST', '/calls', { from });
  expect(placed.status).toBe(200);
  const { channelId, route } = placed.body as { channelId: string; route: string };
  expect(route).toBe('stasis');
  await sock.waitFor((e) => e.type === 'StasisStart' && chan(e).id === channelId, 'StasisStart');
  return channelId;
}

describe('event socket: subscriptions, disconnect and takeover (ARI-FACTS §2, §8)', () => {
  it('an inbound call: StasisStart (Ring, args, caller id) first and StasisEnd last; no ChannelDestroyed', async () => {
    s = await sim();
    const sock = await socket('callcenter');
    const id = await inboundCall(sock);
    const start = sock.events[0]!;
    expect(start).toMatchObject({ type: 'StasisStart', args: ['inbound'], application: 'callcenter' });
    expect(chan(start)).toMatchObject({ state: 'Ring', name: expect.stringMatching(/^PJSIP\/trunk-[0-9a-f]{8}$/) });
    expect((start.channel as { caller: unknown }).caller).toEqual({ name: '', number: '0212345678' });
    expect(id).toMatch(/^\d+\.\d+$/);
    await control(s, 'POST', `/channels/${id}/hangup`, {});
    await sock.waitFor((e) => e.type === 'StasisEnd', 'StasisEnd');
    await ari(s, 'GET', '/asterisk/ping'); // a round trip: anything pending would have arrived
    expect(sock.events.map((e) => e.type)).toEqual(['StasisStart', 'ChannelHangupRequest', 'StasisEnd']);
    expect(sock.events[1]).not.toHaveProperty('cause'); // a SIP BYE carries no cause
    expect(await invalidFrames(s, sock)).toEqual([]);
  });

  it('no BridgeCreated without subscribeAll; subscribeAll sees it', async () => {
    s = await sim();
    const plain = await socket('a');
    const all = await socket('b', true);
    await ari(s, 'POST', '/bridges', { type: 'mixing', bridgeId: 'br1' });
    await all.waitFor((e) => e.type === 'BridgeCreated', 'BridgeCreated');
    expect(plain.events).toEqual([]);
  });

  it('socket drop: channels stay, REST works, new calls fall back, no replay on reconnect', async () => {
    s = await sim();
    const ctl = await controlEvents(s);
    const first = await socket('callcenter');
    const kept = await inboundCall(first);
    expect((await ari(s, 'POST', `/channels/${kept}/answer`)).status).toBe(204);
    const gone = await inboundCall(first);

    expect((await control(s, 'POST', '/ws/drop', { app: 'callcenter' })).status).toBe(204);
    await waitUntil(() => first.closed, 'socket closed');
    await waitUntil(
      async () => (await ari(s!, 'GET', '/applications/callcenter')).status === 200,
      'app still registered',
    );

    // REST still controls the surviving channel; the app still lists it.
    expect((await ari(s, 'POST', `/channels/${kept}/play`, { media: 'sound:hello-world' })).status).toBe(201);
    const app = (await ari(s, 'GET', '/applications/callcenter')).body as { channel_ids: string[] };
    expect(app.channel_ids).toEqual(expect.arrayContaining([kept, gone]));

    // A hang-up during the gap is dropped, a new call goes to the fallback.
    await control(s, 'POST', `/channels/${gone}/hangup`, {});
    const placed = (await control(s, 'POST', '/calls', { from: '0311112222' })).body as {
      channelId: string;
      route: string;
    };
    expect(placed.route).toBe('fallback');
    await waitUntil(
      () => ctl.events.find((e) => e.type === 'call.fallback' && e.channelId === placed.channelId),
      'call.fallback',
    );
    expect((await control(s, 'GET', `/calls/${placed.channelId}`)).body).toMatchObject({
      route: 'fallback',
      hungUp: false,
    });

    const second = await socket('callcenter');
    await ari(s, 'POST', `/channels/${kept}/moh`);
    await control(s, 'POST', `/channels/${kept}/dtmf`, { digits: '5', gapMs: 0 });
    await second.waitFor((e) => e.type === 'ChannelDtmfReceived', 'DTMF after reconnect');
    // Nothing replayed: no StasisStart, no PlaybackStarted from the gap; only live events.
    const types = second.events.map((e) => e.type);
    expect(types.filter((t) => t !== 'PlaybackFinished')).toEqual(['ChannelDtmfReceived']);
    expect((await ari(s, 'GET', `/channels/${gone}`)).status).toBe(404);
    ctl.close();
  });

  it('a second socket for the same app takes it over; the first gets ApplicationReplaced and stays open', async () => {
    s = await sim();
    const first = await socket('callcenter');
    const second = await socket('callcenter');
    await first.waitFor((e) => e.type === 'ApplicationReplaced', 'ApplicationReplaced');
    expect(first.events[0]).toMatchObject({ type: 'ApplicationReplaced', application: 'callcenter' });
    await inboundCall(second);
    expect(first.closed).toBe(false);
    expect(first.events.map((e) => e.type)).toEqual(['ApplicationReplaced']);
    expect(await invalidFrames(s, first, second)).toEqual([]);
  });

  it('explicit subscription to a bridge brings its events', async () => {
    s = await sim();
    const watcher = await socket('wallboard');
    const cc = await socket('callcenter');
    const id = await inboundCall(cc);
    await ari(s, 'POST', `/channels/${id}/answer`);
    await ari(s, 'POST', '/bridges', { bridgeId: 'q1', type: 'holding' });
    const sub = await ari(s, 'POST', '/applications/wallboard/subscription', { eventSource: 'bridge:q1' });
    expect(sub.status).toBe(200);
    expect(sub.body).toMatchObject({ name: 'wallboard', bridge_ids: ['q1'] });
    await ari(s, 'POST', '/bridges/q1/addChannel', { channel: id });
    await watcher.waitFor((e) => e.type === 'ChannelEnteredBridge', 'entered');
    expect((await ari(s, 'POST', '/applications/wallboard/subscription', { eventSource: 'bridge:none' })).status).toBe(
      422,
    );
    expect((await ari(s, 'POST', '/applications/nobody/subscription', { eventSource: 'bridge:q1' })).status).toBe(404);
  });

  it('an event filter: only the allowed types reach the app, disallowed wins, and the app keeps it across sockets', async () => {
    s = await sim();
    const first = await socket('callcenter');
    const put = (body?: unknown) => ari(s!, 'PUT', '/applications/callcenter/eventFilter', undefined, body);
    const allowed = [{ type: 'StasisStart' }, { type: 'StasisEnd' }, { type: 'ApplicationReplaced' }];
    const set = await put({ allowed });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ name: 'callcenter', events_allowed: allowed, events_disallowed: [] });

    // ChannelHangupRequest (not allowed) never arrives; ApplicationReplaced does, to the old socket.
    const second = await socket('callcenter');
    await first.waitFor((e) => e.type === 'ApplicationReplaced', 'ApplicationReplaced');
    const id = await inboundCall(second);
    await control(s, 'POST', `/channels/${id}/hangup`, {});
    await second.waitFor((e) => e.type === 'StasisEnd', 'StasisEnd');
    expect(second.events.map((e) => e.type)).toEqual(['StasisStart', 'StasisEnd']);

    // Naming one list leaves the other; disallowed wins over allowed.
    const both = await put({ disallowed: [{ type: 'StasisEnd' }] });
    expect(both.body).toMatchObject({ events_allowed: allowed, events_disallowed: [{ type: 'StasisEnd' }] });
    second.events.length = 0;
    const next = await inboundCall(second);
    await control(s, 'POST', `/channels/${next}/hangup`, {});
    await waitUntil(async () => (await ari(s!, 'GET', `/channels/${next}`)).status === 404, 'channel gone');
    await ari(s, 'GET', '/asterisk/ping'); // a round trip: anything pending would have arrived
    expect(second.events.map((e) => e.type)).toEqual(['StasisStart']);

    // No body (or `{}`) resets both lists: every event again.
    expect((await put()).body).toMatchObject({ events_allowed: [], events_disallowed: [] });
    second.events.length = 0;
    const last = await inboundCall(second);
    await control(s, 'POST', `/channels/${last}/hangup`, {});
    await second.waitFor((e) => e.type === 'StasisEnd', 'StasisEnd');
    expect(second.events.map((e) => e.type)).toEqual(['StasisStart', 'ChannelHangupRequest', 'StasisEnd']);
    expect(await invalidFrames(s, first, second)).toEqual([]);
  });

  it('an event filter Asterisk cannot read is refused with 400 "Invalid format definition"; an unknown app is 404', async () => {
    s = await sim();
    await socket('callcenter');
    const put = (body: unknown, app = 'callcenter') =>
      ari(s!, 'PUT', `/applications/${app}/eventFilter`, undefined, body);
    for (const bad of [
      { allowed: 'StasisStart' },
      { allowed: [{}] },
      { allowed: ['StasisStart'] },
      { allowed: null },
    ]) {
      const res = await put(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body).toEqual({ message: 'Invalid format definition' });
    }
    // The disallowed list is set before the allowed one is read: a bad allowed list still changes it.
    await put({ disallowed: [{ type: 'Dial' }], allowed: [{ nope: 1 }] });
    expect((await ari(s, 'GET', '/applications/callcenter')).body).toMatchObject({
      events_allowed: [],
      events_disallowed: [{ type: 'Dial' }],
    });
    expect(await put({ allowed: [] }, 'nobody')).toMatchObject({
      status: 404,
      body: { message: 'Application not found' },
    });
  });
});

describe('originate and create edge cases', () => {
  it('originate into an app without a socket: 200, then the channel is gone', async () => {
    s = await sim();
    const res = await ari(s, 'POST', '/channels', {
      endpoint: 'Local/agent@agents/n',
      app: 'nobody',
      channelId: 'ghost',
    });
    expect(res).toMatchObject({ status: 200, body: { id: 'ghost', state: 'Down' } });
    await waitUntil(async () => (await ari(s!, 'GET', '/channels/ghost')).status === 404, 'ghost gone');
  });

  it('a created channel is Down in Stasis (412 for media) until dialled, then rings and answers', async () => {
    s = await sim();
    const sock = await socket('callcenter');
    const res = await ari(s, 'POST', '/channels/create', {
      endpoint: 'Local/agent@agents/n',
      app: 'callcenter',
      channelId: 'cr',
    });
    expect(res.body).toMatchObject({ id: 'cr', state: 'Down' });
    await sock.waitFor((e) => e.type === 'StasisStart', 'StasisStart');
    expect((await ari(s, 'POST', '/channels/cr/play', { media: 'sound:beep' })).status).toBe(412);
    expect((await ari(s, 'POST', '/channels/cr/dial', { timeout: 10 })).status).toBe(204);
    await sock.waitFor((e) => e.type === 'Dial' && e.dialstatus === 'ANSWER', 'answered');
    expect((await ari(s, 'GET', '/channels/cr')).body).toMatchObject({ state: 'Up' });
    expect((await ari(s, 'POST', '/channels/cr/play', { media: 'sound:beep' })).status).toBe(201);
    expect(sock.of('StasisStart')).toHaveLength(1);
  });
});
