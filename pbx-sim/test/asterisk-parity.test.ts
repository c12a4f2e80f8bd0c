import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PbxSim } from '../src/index';
import { EventSocket, ari, chan, control, sim, waitUntil, type AriEvent } from './helpers';

/**
 * Behaviour seen on a real Asterisk 22.10.1 where pbx-sim used to do otherwise (issue 9 §5).
 * Each test pins one observation; the reference traces in test/traces/ pin the full orders.
 */
let s: PbxSim | undefined;
const open: EventSocket[] = [];
afterEach(async () => {
  for (const sock of open.splice(0)) sock.close();
  await s?.close();
  s = undefined;
});

async function socket(app: string): Promise<EventSocket> {
  const sock = await EventSocket.open(s!, app);
  open.push(sock);
  return sock;
}

const id = (r: { body: unknown }) => (r.body as { id: string }).id;
const about = (channelId: string) => (e: AriEvent) => chan(e).id === channelId;
/** A round trip through the sim: every event caused before it has been written to the sockets. */
const roundTrip = async () => void (await ari(s!, 'GET', '/asterisk/ping'));

/** An inbound call (PJSIP trunk) in Stasis(callcenter). */
async function inboundCall(sock: EventSocket): Promise<string> {
  const { channelId } = (await control(s!, 'POST', '/calls', { from: '0212345678' })).body as { channelId: string };
  await sock.waitFor((e) => e.type === 'StasisStart' && chan(e).id === channelId, 'caller StasisStart');
  await ari(s!, 'POST', `/channels/${channelId}/answer`);
  return channelId;
}

/** The README's Local caller: `;1` held by sim-caller, `;2` in Stasis(cc-ivr). Returns [;1, ;2]. */
async function localCaller(ivr: EventSocket): Promise<[string, string]> {
  const res = await ari(s!, 'POST', '/channels', { endpoint: 'Local/1357@inbound', app: 'sim-caller' });
  const start = await ivr.waitFor((e) => e.type === 'StasisStart', 'caller StasisStart');
  const callee = chan(start).id;
  await ari(s!, 'POST', `/channels/${callee}/answer`);
  return [id(res), callee];
}

describe('Stasis() for an app without a socket (STASISSTATUS=FAILED, the dialplan goes on)', () => {
  it('a Local channel is not hung up: it continues at the next priority', async () => {
    s = await sim();
    const caller = await socket('sim-caller'); // cc-ivr has no socket
    const one = id(await ari(s, 'POST', '/channels', { endpoint: 'Local/1357@inbound', app: 'sim-caller' }));
    const failed = await caller.waitFor(
      (e) => e.type === 'ChannelVarset' && e.variable === 'STASISSTATUS' && e.value === 'FAILED',
      'STASISSTATUS',
    );
    const two = chan(failed).id;
    // Stasis() clears it first, as on Asterisk (trace R5).
    expect(caller.events.filter((e) => e.type === 'ChannelVarset' && chan(e).id === two).map((e) => e.value)).toEqual([
      '',
      'FAILED',
    ]);
    expect(two).not.toBe(one);
    await roundTrip();
    const got = await ari(s, 'GET', `/channels/${encodeURIComponent(two)}`);
    expect(got.status).toBe(200);
    expect((got.body as { dialplan: { app_name: string } }).dialplan.app_name).toBe('Wait');
    expect(caller.events.filter((e) => e.type === 'ChannelDestroyed')).toEqual([]);
  });

  it('in the stasis-<app> context there is no next priority: the channel ends', async () => {
    s = await sim();
    const caller = await socket('sim-caller');
    await ari(s, 'POST', '/channels', { endpoint: 'Local/x@stasis-nobody', app: 'sim-caller' });
    const failed = await caller.waitFor(
      (e) => e.type === 'ChannelVarset' && e.variable === 'STASISSTATUS',
      'STASISSTATUS',
    );
    await caller.waitFor((e) => e.type === 'ChannelDestroyed' && chan(e).id === chan(failed).id, 'the ;2 half ends');
  });
});

describe('GET /applications/{app} once the app has no socket', () => {
  it('404 when it has no channels either; 200 while a channel still references it', async () => {
    s = await sim();
    const first = await socket('callcenter');
    const callId = await inboundCall(first);
    first.close();
    await waitUntil(
      async () =>
        ((await ari(s!, 'GET', '/applications/callcenter')).body as { channel_ids?: string[] }).channel_ids?.includes(
          callId,
        ),
      'kept while the call is there',
    );
    await control(s, 'POST', `/channels/${callId}/hangup`, {});
    await waitUntil(
      async () => (await ari(s!, 'GET', '/applications/callcenter')).status === 404,
      'gone with its last channel',
    );
    expect((await ari(s, 'GET', '/applications')).body).toEqual([]);

    const again = await socket('callcenter');
    expect((await ari(s, 'GET', '/applications/callcenter')).status).toBe(200);
    again.close();
    await waitUntil(
      async () => (await ari(s!, 'GET', '/applications/callcenter')).status === 404,
      'gone with its socket',
    );
  });
});

describe('snoop channels', () => {
  async function snoopedCall() {
    s = await sim();
    const sock = await socket('callcenter');
    const target = await inboundCall(sock);
    const snoopId = id(await ari(s, 'POST', `/channels/${target}/snoop`, { app: 'callcenter', spy: 'both' }));
    await sock.waitFor((e) => e.type === 'StasisStart' && chan(e).id === snoopId, 'snoop StasisStart');
    const bridge = id(await ari(s, 'POST', '/bridges', { type: 'mixing' }));
    await ari(s, 'POST', `/bridges/${bridge}/addChannel`, { channel: snoopId });
    await sock.waitFor((e) => e.type === 'ChannelEnteredBridge' && chan(e).id === snoopId, 'snoop bridged');
    return { sock, target, snoopId };
  }

  it('deleted by the app: hang-up request, left bridge, StasisEnd; no STASISSTATUS, no ChannelDestroyed', async () => {
    const { sock, target, snoopId } = await snoopedCall();
    const from = sock.events.length;
    expect((await ari(s!, 'DELETE', `/channels/${snoopId}`)).status).toBe(204);
    await sock.waitFor((e) => e.type === 'StasisEnd' && chan(e).id === snoopId, 'snoop StasisEnd');
    // The target's own end comes after anything the snoop still had to say.
    await control(s!, 'POST', `/channels/${target}/hangup`, {});
    await sock.waitFor((e) => e.type === 'StasisEnd' && chan(e).id === target, 'target StasisEnd');
    expect(
      sock.events
        .slice(from)
        .filter(about(snoopId))
        .map((e) => e.type),
    ).toEqual(['ChannelHangupRequest', 'ChannelLeftBridge', 'StasisEnd']);
    expect(sock.events.filter((e) => about(snoopId)(e) && e.type === 'ChannelVarset')).toEqual([]);
  });

  it('its target hangs up: only left bridge and StasisEnd for the snoop, after the target has gone', async () => {
    const { sock, target, snoopId } = await snoopedCall();
    const from = sock.events.length;
    await control(s!, 'POST', `/channels/${target}/hangup`, {});
    await sock.waitFor((e) => e.type === 'StasisEnd' && chan(e).id === snoopId, 'snoop StasisEnd');
    await roundTrip();
    const after = sock.events.slice(from);
    expect(after.filter(about(snoopId)).map((e) => e.type)).toEqual(['ChannelLeftBridge', 'StasisEnd']);
    const targetEnd = after.findIndex((e) => e.type === 'StasisEnd' && chan(e).id === target);
    expect(targetEnd).toBeGreaterThanOrEqual(0);
    expect(after.findIndex(about(snoopId))).toBeGreaterThan(targetEnd);
  });
});

describe('DTMF in a bridge', () => {
  it.each(['mixing', 'mixing,dtmf_events'])(
    '%s: a digit also comes out of the other party (the far half of its Local pair)',
    async (type) => {
      s = await sim();
      await socket('sim-caller');
      const ivr = await socket('cc-ivr');
      const [callerOne, caller] = await localCaller(ivr);
      const agent = id(await ari(s, 'POST', '/channels', { endpoint: 'Local/agent@agents', app: 'cc-ivr' }));
      await ivr.waitFor((e) => e.type === 'StasisStart' && chan(e).id === agent, 'agent StasisStart');
      const agentFar = chan(
        await ivr.waitFor(
          (e) => e.type === 'ChannelStateChange' && chan(e).name.endsWith(';2') && chan(e).id !== caller,
          'agent;2 Up',
        ),
      ).id;
      const bridge = id(await ari(s, 'POST', '/bridges', { type }));
      await ari(s, 'POST', `/bridges/${bridge}/addChannel`, { channel: `${caller},${agent}` });
      await ari(s, 'POST', `/channels/${callerOne}/dtmf`, { dtmf: '5' });
      await ivr.waitFor((e) => e.type === 'ChannelDtmfReceived' && chan(e).id === caller, 'the caller hears the digit');
      const passed = await ivr.waitFor(
        (e) => e.type === 'ChannelDtmfReceived' && chan(e).id === agentFar,
        'the agent phone gets it',
      );
      expect(passed).toMatchObject({ digit: '5', duration_ms: 100 });
    },
  );

  it('holding: the digit stays with the caller', async () => {
    s = await sim();
    await socket('sim-caller');
    const ivr = await socket('cc-ivr');
    const [callerOne, caller] = await localCaller(ivr);
    const bridge = id(await ari(s, 'POST', '/bridges', { type: 'holding' }));
    await ari(s, 'POST', `/bridges/${bridge}/addChannel`, { channel: caller });
    await ari(s, 'POST', `/channels/${callerOne}/dtmf`, { dtmf: '7' });
    await ivr.waitFor((e) => e.type === 'ChannelDtmfReceived' && chan(e).id === caller, 'the caller hears the digit');
    await roundTrip();
    expect(ivr.of('ChannelDtmfReceived')).toHaveLength(1);
  });
});

describe('bridges', () => {
  it('play on a holding bridge playing music: 201 queued, PlaybackStarted, then at once PlaybackFinished failed', async () => {
    s = await sim();
    const sock = await socket('callcenter');
    const caller = await inboundCall(sock);
    const bridge = id(await ari(s, 'POST', '/bridges', { type: 'holding' }));
    await ari(s, 'POST', `/bridges/${bridge}/addChannel`, { channel: caller });
    expect((await ari(s, 'POST', `/bridges/${bridge}/moh`, { mohClass: 'default' })).status).toBe(204);
    const play = await ari(s, 'POST', `/bridges/${bridge}/play`, { media: 'sound:cc1357/ko/queue-wait' });
    expect(play).toMatchObject({ status: 201, body: { state: 'queued', target_uri: `bridge:${bridge}` } });
    const finished = await sock.waitFor((e) => e.type === 'PlaybackFinished', 'PlaybackFinished');
    expect(finished.playback).toMatchObject({ id: id(play), state: 'failed' });
    expect(sock.events.filter((e) => e.type.startsWith('Playback')).map((e) => e.type)).toEqual([
      'PlaybackStarted',
      'PlaybackFinished',
    ]);
  });

  it('a third party joining a two-party mixing bridge is announced with simple_bridge; softmix from the next event', async () => {
    s = await sim();
    const sock = await socket('callcenter');
    const calls = [await inboundCall(sock), await inboundCall(sock), await inboundCall(sock)];
    const bridge = id(await ari(s, 'POST', '/bridges', { type: 'mixing' }));
    for (const c of calls) await ari(s, 'POST', `/bridges/${bridge}/addChannel`, { channel: c });
    await sock.waitFor((e) => e.type === 'ChannelEnteredBridge' && chan(e).id === calls[2], 'third joins');
    const tech = (e: AriEvent) => (e.bridge as { technology: string }).technology;
    expect(sock.of('ChannelEnteredBridge').map(tech)).toEqual(['simple_bridge', 'simple_bridge', 'simple_bridge']);
    await ari(s, 'POST', `/bridges/${bridge}/removeChannel`, { channel: calls[0]! });
    expect(tech(await sock.waitFor((e) => e.type === 'ChannelLeftBridge', 'left'))).toBe('softmix');
  });
});

describe("a bridge destroyed and made again under its id (a counselor's hold re-creates the holding bridge)", () => {
  // Observed on 22.10.1: the app gets no BridgeDestroyed of the emptied old bridge and keeps the
  // events of the new one; a subscribeAll app sees the old one destroyed before the new one made.
  it('the old bridge ends before the new one begins, and the new one keeps its subscribers', async () => {
    s = await sim();
    const sock = await socket('callcenter');
    const all = await EventSocket.open(s, 'watcher', true);
    open.push(all);
    const caller = await inboundCall(sock);
    const hold = 'call-1-hold';
    await ari(s, 'POST', '/bridges', { type: 'holding', bridgeId: hold });
    await ari(s, 'POST', `/bridges/${hold}/addChannel`, { channel: caller });
    await ari(s, 'POST', `/bridges/${hold}/removeChannel`, { channel: caller });
    expect((await ari(s, 'DELETE', `/bridges/${hold}`)).status).toBe(204);
    await ari(s, 'POST', '/bridges', { type: 'holding', bridgeId: hold });
    await ari(s, 'POST', `/bridges/${hold}/addChannel`, { channel: caller });
    await ari(s, 'POST', `/bridges/${hold}/moh`, { mohClass: 'default' });
    // Destroying the new bridge pulls the caller out after the teardown: by then any late end of
    // the old bridge would have been sent.
    await ari(s, 'DELETE', `/bridges/${hold}`);
    const bridgeEvents = (events: AriEvent[]) =>
      events.filter((e) => (e.bridge as { id?: string } | undefined)?.id === hold).map((e) => e.type);
    await sock.waitFor(
      (e) => e.type === 'ChannelLeftBridge' && sock.of('ChannelLeftBridge').length === 2,
      'left twice',
    );
    expect(bridgeEvents(sock.events).slice(0, 4)).toEqual([
      'ChannelEnteredBridge',
      'ChannelLeftBridge',
      'ChannelEnteredBridge',
      'ChannelLeftBridge',
    ]);
    await all.waitFor((e) => e.type === 'ChannelLeftBridge' && all.of('ChannelLeftBridge').length === 2, 'watcher');
    expect(bridgeEvents(all.events).slice(0, 6)).toEqual([
      'BridgeCreated',
      'ChannelEnteredBridge',
      'ChannelLeftBridge',
      'BridgeDestroyed',
      'BridgeCreated',
      'ChannelEnteredBridge',
    ]);
  });
});

describe('HTTP and the event socket', () => {
  it('closing the event socket: Asterisk answers with close code 1000', async () => {
    s = await sim();
    const ws = new WebSocket(`${s.url.replace('http', 'ws')}/ari/events?app=callcenter&api_key=asterisk:asterisk`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const code = new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    ws.close(); // a close frame without a code
    expect(await code).toBe(1000);
  });

  it('ARI answers, a stored recording file included, carry Cache-Control: no-cache, no-store', async () => {
    s = await sim();
    const sock = await socket('callcenter');
    const caller = await inboundCall(sock);
    await ari(s, 'POST', `/channels/${caller}/record`, { name: 'parity/rec1', format: 'wav' });
    await sock.waitFor((e) => e.type === 'RecordingStarted', 'RecordingStarted');
    await ari(s, 'POST', '/recordings/live/parity%2Frec1/stop');
    await sock.waitFor((e) => e.type === 'RecordingFinished', 'RecordingFinished');
    const file = await fetch(`${s.url}/ari/recordings/stored/parity%2Frec1/file?api_key=asterisk:asterisk`);
    expect(file.status).toBe(200);
    expect(file.headers.get('cache-control')).toBe('no-cache, no-store');
    expect((await ari(s, 'GET', '/channels')).headers.get('cache-control')).toBe('no-cache, no-store');
    expect((await ari(s, 'GET', '/channels/none')).headers.get('cache-control')).toBe('no-cache, no-store');
  });

  it('ApplicationReplaced reaches the old socket before the new socket is open', async () => {
    s = await sim();
    const first = await socket('callcenter');
    const order: string[] = [];
    const push = first.events.push.bind(first.events);
    first.events.push = (...evs: AriEvent[]) => {
      for (const e of evs) order.push(`old: ${e.type}`);
      return push(...evs);
    };
    const second = new WebSocket(`${s.url.replace('http', 'ws')}/ari/events?app=callcenter&api_key=asterisk:asterisk`);
    await new Promise((resolve, reject) => second.once('open', resolve).once('error', reject));
    order.push('new: open');
    await waitUntil(() => order.length === 2, 'both');
    second.close();
    expect(order).toEqual(['old: ApplicationReplaced', 'new: open']);
  });
});

/**
 * ARI `DELETE /channels/{id}?reason=` on an inbound caller still ringing in Stasis (telephony's
 * closed door), as a real 22.10.1 reported it: the app hears only the explicit soft hang-up (32)
 * and StasisEnd; the reason's cause is on ChannelDestroyed, which only a subscribeAll app sees
 * (the app's subscription to a dialplan channel ends at StasisEnd). The carrier got 603 Decline
 * for the default (16), 503 Service Unavailable for `congestion` (34), 408 for `timeout` (18).
 */
describe('an unanswered caller hung up by the app with a reason', () => {
  it.each([
    { label: 'none', reason: undefined, cause: 16, text: 'Normal Clearing' },
    { label: 'congestion', reason: 'congestion', cause: 34, text: 'Circuit/channel congestion' },
    { label: 'timeout', reason: 'timeout', cause: 18, text: 'No user responding' },
  ])(
    'reason $label: hang-up request 32 and StasisEnd for the app, cause $cause on ChannelDestroyed',
    async ({ reason, cause, text }) => {
      s = await sim();
      const app = await socket('callcenter');
      const all = await EventSocket.open(s, 'watcher', true);
      open.push(all);
      const { channelId } = (await control(s, 'POST', '/calls', { from: '0212345678' })).body as { channelId: string };
      await app.waitFor((e) => e.type === 'StasisStart' && chan(e).id === channelId, 'caller StasisStart');
      const from = app.events.length;
      expect((await ari(s, 'DELETE', `/channels/${channelId}`, reason ? { reason } : {})).status).toBe(204);
      const destroyed = await all.waitFor(
        (e) => e.type === 'ChannelDestroyed' && chan(e).id === channelId,
        'ChannelDestroyed',
      );
      await roundTrip();
      const mine = app.events.slice(from).filter(about(channelId));
      expect(mine.map((e) => [e.type, e.cause, e.soft, chan(e).state])).toEqual([
        ['ChannelHangupRequest', 32, true, 'Ring'],
        ['StasisEnd', undefined, undefined, 'Ring'],
      ]);
      expect({ cause: destroyed.cause, cause_txt: destroyed.cause_txt }).toEqual({ cause, cause_txt: text });
      expect(((await control(s, 'GET', `/calls/${channelId}`)).body as { cause: number }).cause).toBe(cause);
    },
  );
});
