import { SessionReplacedV1, type TokenClaims, signAccessToken } from '@cc1357/contracts';
import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Center,
  type ConsoleClient,
  type PbxDriver,
  SECRET,
  openConsole,
  reachQueue,
  simPbx,
  startCenter,
  until,
} from '../support/center';
import { supervisorConsole } from '../support/supervisor-console';

type State = { state: string; reason: string | null; callId: string | null };
type Offer = { callId: string };

/**
 * One counselor, one console (issue 16): a second console of the same agent — another tab, another
 * PC, on this telephony process or another one sharing Redis — takes over. The older console is
 * told `session.replaced.v1` and disconnected by the server; the agent keeps its state and call,
 * and the takeover is not a "console gone" (no grace timer, no Not ready, no call withdrawn).
 */
const sockets: Socket[] = [];

/** A counselor's console on a given node (Center.agentConsole always uses the first). */
async function consoleAt(url: string, agentId: string, userAgent?: string): Promise<ConsoleClient> {
  const claims: TokenClaims = {
    sub: `u-${agentId}`,
    username: `agent${agentId}`,
    role: 'counselor',
    agentId,
    skills: ['fund', 'general'],
  };
  const token = await signAccessToken(claims, SECRET, 600);
  const client = await openConsole(url, token, agentId, userAgent);
  sockets.push(client.socket);
  return client;
}

/** Resolves with the reason once the server has disconnected this console. */
function disconnected(c: ConsoleClient): Promise<string> {
  if (!c.socket.connected) return Promise.resolve('already');
  return new Promise((resolve) => c.socket.once('disconnect', (reason) => resolve(reason)));
}

/** The console was replaced: a valid `session.replaced.v1`, then the server's disconnect. */
async function replaced(c: ConsoleClient, gone: Promise<string>): Promise<SessionReplacedV1> {
  const payload = SessionReplacedV1.parse(await c.next('session.replaced.v1'));
  expect(await gone).toBe('io server disconnect');
  return payload;
}

/** The agent's console presence in Redis: which sockets, and whether it is marked gone. */
async function presence(center: Center, agentId: string) {
  const sockets = await center.redis.hkeys(`${center.prefix}consoles:${agentId}`);
  const gone = await center.redis.hexists(`${center.prefix}consoles-gone`, agentId);
  return { sockets, gone: gone === 1 };
}

/** After a takeover the presence holds exactly the newer console, and the agent was never "gone". */
async function onlyPresent(center: Center, agentId: string, c: ConsoleClient): Promise<void> {
  await until(async () => (await presence(center, agentId)).sockets.length === 1, `${agentId}: one console present`);
  const now = await presence(center, agentId);
  expect(now.sockets).toHaveLength(1);
  expect(now.sockets[0]!.endsWith(`|${c.socket.id}`)).toBe(true);
  expect(now.gone).toBe(false);
}

describe('one console per counselor', () => {
  let center: Center;
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await center?.close();
  });

  it('a second console takes over: the first is told and disconnected, Ready stays Ready and the next call rings only on the second', async () => {
    // A one-second grace: were the takeover a "console gone", the agent would turn Not ready at once.
    center = await startCenter({ ringTimeoutSeconds: 3600 });
    const node = await center.startTelephony(center.pbx, { env: { AGENT_DISCONNECT_GRACE_SECONDS: '1' } });
    await center.pbx.setPhone('1001', 'manual');
    const first = await consoleAt(node.url, '1001');
    expect(await first.command('agent.ready.v1', {})).toEqual({ ok: true });
    await first.stateBecomes('ready');

    const firstGone = disconnected(first);
    const chrome =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    const second = await consoleAt(node.url, '1001', chrome);
    await second.next<State>('agent.state.v1', (s) => s.state === 'ready');
    const notice = await replaced(first, firstGone);
    expect(notice).toMatchObject({ reason: 'replaced', device: 'Chrome · Windows' });
    expect(second.socket.connected).toBe(true);
    expect(second.received.some((r) => r.event === 'session.replaced.v1')).toBe(false);
    await onlyPresent(center, '1001', second);
    expect((await center.state.getAgent('1001'))?.value).toMatchObject({ state: 'ready' });

    // The next caller rings on the second console only.
    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const callId = await reachQueue(center, caller);
    await second.next<Offer>('call.offered.v1', (p) => p.callId === callId);
    expect(first.received.filter((r) => r.event === 'call.offered.v1')).toEqual([]);
    expect(await second.command('call.answer.v1', { callId })).toEqual({ ok: true });
    await second.next<Offer>('call.connected.v1', (p) => p.callId === callId);
    // Still nobody thinks the console went away.
    expect(await presence(center, '1001')).toMatchObject({ gone: false });
    expect((await center.state.getAgent('1001'))?.value).toMatchObject({ state: 'onCall', callId });
  });

  it('a counselor on a call stays on it, and in after-call work: the newest console gets the call and controls it', async () => {
    // Wrap-up long enough that it is still on when the third console connects.
    center = await startCenter({ ringTimeoutSeconds: 3600, wrapUpSeconds: 3600 });
    const node = await center.startTelephony(center.pbx, { env: { AGENT_DISCONNECT_GRACE_SECONDS: '1' } });
    await center.pbx.setPhone('1001', 'manual');
    const first = await consoleAt(node.url, '1001');
    expect(await first.command('agent.ready.v1', {})).toEqual({ ok: true });
    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const callId = await reachQueue(center, caller);
    await first.next<Offer>('call.offered.v1', (p) => p.callId === callId);
    expect(await first.command('call.answer.v1', { callId })).toEqual({ ok: true });
    await first.next<Offer>('call.connected.v1', (p) => p.callId === callId);

    const firstGone = disconnected(first);
    const second = await consoleAt(node.url, '1001');
    await second.next<State>('agent.state.v1', (s) => s.state === 'onCall' && s.callId === callId);
    await second.next<Offer>('call.connected.v1', (p) => p.callId === callId);
    await second.next<{ callId: string }>('call.controls.v1', (p) => p.callId === callId);
    await replaced(first, firstGone);
    await onlyPresent(center, '1001', second);
    expect((await center.state.getCall(callId))?.state).toBe('connected');

    // The call is the new console's: it hangs up, and after-call work carries on there.
    expect(await second.command('call.hangup.v1', { callId })).toEqual({ ok: true });
    await second.next<Offer>('call.ended.v1', (p) => p.callId === callId);
    await second.stateBecomes('wrapUp');
    expect(await second.command('agent.wrapUp.hold.v1', { callId })).toEqual({ ok: true });

    // After-call work survives a takeover too: a third console finds it.
    const secondGone = disconnected(second);
    const third = await consoleAt(node.url, '1001');
    await third.next<State>('agent.state.v1', (s) => s.state === 'wrapUp' && s.callId === callId);
    await replaced(second, secondGone);
    await onlyPresent(center, '1001', third);
    expect((await center.state.getAgent('1001'))?.value).toMatchObject({ state: 'wrapUp', callId });
  });

  it('supervisors are not limited: two screens of one supervisor both stay', async () => {
    center = await startCenter();
    const node = await center.startTelephony();
    const wall = await supervisorConsole(center, { phone: '2001' });
    const desk = await supervisorConsole(center, { phone: '2001' });
    await wall.next('floor.snapshot.v1');
    await desk.next('floor.snapshot.v1');
    // A counselor's takeover after both: the bus has carried every claim made before it.
    const a = await consoleAt(node.url, '1001');
    const aGone = disconnected(a);
    const b = await consoleAt(node.url, '1001');
    await replaced(a, aGone);
    expect(b.socket.connected).toBe(true);
    expect(wall.socket.connected).toBe(true);
    expect(desk.socket.connected).toBe(true);
    expect([...wall.received, ...desk.received].some((r) => r.event === 'session.replaced.v1')).toBe(false);
  });
});

describe('one console per counselor across two telephony processes sharing Redis', () => {
  let center: Center;
  let secondPbx: PbxDriver | null = null;
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await center?.close();
    await secondPbx?.close();
    secondPbx = null;
  });

  it('a console on the other process takes over, and taking it back works the same way', async () => {
    center = await startCenter({ ringTimeoutSeconds: 3600 });
    const env = { AGENT_DISCONNECT_GRACE_SECONDS: '1' };
    const nodeA = await center.startTelephony(center.pbx, { env });
    secondPbx = await simPbx();
    const nodeB = await center.startTelephony(secondPbx, { env });
    expect(nodeA.node).not.toBe(nodeB.node);
    // The phone answers by itself: answering is done by the phone's node, which is not the point here.
    await center.pbx.setPhone('1001', 'autoAnswer');

    const onA = await consoleAt(nodeA.url, '1001');
    expect(await onA.command('agent.ready.v1', {})).toEqual({ ok: true });
    const aGone = disconnected(onA);
    const onB = await consoleAt(nodeB.url, '1001');
    await onB.next<State>('agent.state.v1', (s) => s.state === 'ready');
    await replaced(onA, aGone);
    await onlyPresent(center, '1001', onB);

    // A caller on node A's PBX: the offer reaches the console on node B (over the bus), not the old one.
    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const callId = await reachQueue(center, caller, '1', nodeA.node);
    await onB.next<Offer>('call.offered.v1', (p) => p.callId === callId);
    expect(onA.received.filter((r) => r.event === 'call.offered.v1')).toEqual([]);
    await onB.next<Offer>('call.connected.v1', (p) => p.callId === callId);

    // "Take the session back" on the first PC: a new connection to node A, with the call.
    const bGone = disconnected(onB);
    const back = await consoleAt(nodeA.url, '1001');
    await back.next<State>('agent.state.v1', (s) => s.state === 'onCall' && s.callId === callId);
    await back.next<Offer>('call.connected.v1', (p) => p.callId === callId);
    await replaced(onB, bGone);
    await onlyPresent(center, '1001', back);
    expect((await center.state.getAgent('1001'))?.value).toMatchObject({ state: 'onCall', callId });
  });
});
