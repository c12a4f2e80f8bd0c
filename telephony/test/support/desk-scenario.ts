import { expect } from 'vitest';
import type { AriObserver, ObservedEvent } from './ari-observer';
import { type Center, type ConsoleClient, until } from './center';

/**
 * Hold and mute at the desk, written against `Center` + `PbxDriver` only, so the same steps run
 * on pbx-sim and on a real Asterisk. Starts with a connected call; ends with the caller hanging
 * up while on hold. Returns what the ARI observer saw of the caller and agent legs at each step,
 * for the tiers to compare.
 */

interface Controls {
  callId: string;
  heldSince: string | null;
  heldSeconds: number;
  muted: boolean;
}

/**
 * The events with call-control meaning for the two legs. Asterisk also sends noise the traces mark
 * as such and pbx-sim does not model (`ChannelVarset` BRIDGEPEER on both legs at every move,
 * `ChannelConnectedLine` on the agent when the caller leaves it).
 */
const HOLD_EVENT_TYPES = new Set([
  'ChannelEnteredBridge',
  'ChannelLeftBridge',
  'ChannelHold',
  'ChannelUnhold',
  'ChannelStateChange',
  'ChannelTalkingStarted',
  'ChannelTalkingFinished',
  'StasisEnd',
  'StasisStart',
]);

export interface DeskSteps {
  hold: string[];
  mute: string[];
  unmute: string[];
  resume: string[];
}

export async function holdAndMuteAtTheDesk(
  center: Center,
  agent: ConsoleClient,
  legs: { callId: string; caller: string; agentLeg: string },
  observer: AriObserver,
  timeoutMs: number,
  /** Runs while the caller is held (e.g. a console reconnecting). */
  whileHeld: () => Promise<void> = async () => undefined,
): Promise<DeskSteps> {
  const { callId, caller, agentLeg } = legs;
  const hold = `${callId}-hold`;
  const mix = `${callId}-mix`;
  const name = (id: string | null) =>
    id === caller ? 'caller' : id === agentLeg ? 'agent' : id === hold ? 'hold' : id === mix ? 'mix' : 'other';
  const seen = (from: number) =>
    observer.events
      .slice(from)
      .filter((e: ObservedEvent) => HOLD_EVENT_TYPES.has(e.type) && (e.channel === caller || e.channel === agentLeg))
      .map(
        (e) =>
          `${e.type} ${name(e.channel)}${e.bridge ? ` ${name(e.bridge)}` : ''}${e.variable ? ` ${e.variable}` : ''}`,
      );
  const members = async (bridge: string) => {
    const { url, username, password } = center.pbx.ari;
    const res = await fetch(`${url}/ari/bridges/${encodeURIComponent(bridge)}`, {
      headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
    });
    return res.ok ? ((await res.json()) as { channels: string[] }).channels : null;
  };
  const controls = (match: (c: Controls) => boolean, what: string) =>
    until(
      () =>
        agent.received.some(
          (r) =>
            r.event === 'call.controls.v1' && (r.payload as Controls).callId === callId && match(r.payload as Controls),
        ),
      what,
      timeoutMs,
    );
  const countControls = () => agent.received.filter((r) => r.event === 'call.controls.v1').length;
  // Everything the bridges say settles a moment after the ack: wait for the caller's move.
  const settled = (what: string, probe: () => Promise<boolean>) => until(probe, what, timeoutMs);

  // Hold, clicked twice: both acks ok, the caller moves once, to music.
  let mark = observer.events.length;
  const before = countControls();
  const acks = await Promise.all([
    agent.command('call.hold.v1', { callId, held: true }),
    agent.command('call.hold.v1', { callId, held: true }),
  ]);
  expect(acks).toEqual([{ ok: true }, { ok: true }]);
  await controls((c) => c.heldSince !== null && !c.muted, 'held controls');
  await settled('caller in the holding bridge', async () => (await members(hold))?.includes(caller) ?? false);
  expect(await members(mix)).toContain(agentLeg);
  expect(await members(mix)).not.toContain(caller);
  await settled('the hold is seen', async () => seen(mark).some((e) => e.startsWith('ChannelEnteredBridge caller')));
  const holdSeen = seen(mark);
  expect(countControls() - before).toBe(1);
  await whileHeld();

  // Mute (twice) and unmute while on hold: the call stays held.
  mark = observer.events.length;
  expect(await agent.command('call.mute.v1', { callId, muted: true })).toEqual({ ok: true });
  expect(await agent.command('call.mute.v1', { callId, muted: true })).toEqual({ ok: true });
  await controls((c) => c.muted && c.heldSince !== null, 'muted controls');
  const muteSeen = seen(mark);
  mark = observer.events.length;
  expect(await agent.command('call.mute.v1', { callId, muted: false })).toEqual({ ok: true });
  const unmuteSeen = seen(mark);
  // Pushed after the ack: hold, mute, unmute — the repeated mute pushed nothing.
  await until(() => countControls() - before >= 3, 'unmuted controls', timeoutMs);
  expect(agent.received.filter((r) => r.event === 'call.controls.v1').at(-1)?.payload).toMatchObject({
    muted: false,
    heldSince: expect.any(String),
  });
  expect(countControls() - before).toBe(3);

  // Resume: the caller is back with the counselor, the hold counted.
  mark = observer.events.length;
  expect(await agent.command('call.hold.v1', { callId, held: false })).toEqual({ ok: true });
  await controls((c) => c.heldSince === null && c.heldSeconds > 0, 'resumed controls');
  await settled('caller back in the mixing bridge', async () => (await members(mix))?.includes(caller) ?? false);
  await settled('the resume is seen', async () => seen(mark).some((e) => e.startsWith('ChannelEnteredBridge caller')));
  const resumeSeen = seen(mark);

  // On hold again, and the caller hangs up there.
  expect(await agent.command('call.hold.v1', { callId, held: true })).toEqual({ ok: true });
  await settled('caller held again', async () => (await members(hold))?.includes(caller) ?? false);
  await center.pbx.hangup(caller);
  await agent.next('call.ended.v1', (p: { callId: string }) => p.callId === callId);
  await until(
    async () => {
      const { rows } = await center.db.query<{ type: string }>(
        `SELECT type FROM call_events WHERE call_id = $1 AND type IN ('call.held', 'call.resumed', 'call.ended')`,
        [callId],
      );
      return rows.filter((r) => r.type === 'call.resumed').length === 2 && rows.some((r) => r.type === 'call.ended');
    },
    'both holds closed in crm-api',
    timeoutMs,
  );
  const { rows } = await center.db.query<{ type: string; data: Record<string, unknown> }>(
    `SELECT type, data FROM call_events WHERE call_id = $1 AND type IN ('call.held', 'call.resumed', 'call.ended')
     ORDER BY at, type = 'call.ended'`,
    [callId],
  );
  expect(rows.map((r) => r.type)).toEqual(['call.held', 'call.resumed', 'call.held', 'call.resumed', 'call.ended']);
  expect(rows[3]!.data).toMatchObject({ byHangup: true });
  const ended = rows[4]!.data as { talkSeconds: number; heldSeconds: number };
  expect(ended.heldSeconds).toBeGreaterThan(0);
  expect(ended.heldSeconds).toBeLessThanOrEqual(ended.talkSeconds);

  // After the call: a hold is refused, clearly.
  expect(await agent.command('call.hold.v1', { callId, held: true })).toMatchObject({
    ok: false,
    error: { command: 'call.hold.v1', code: 'NOT_FOUND' },
  });
  return { hold: holdSeen, mute: muteSeen, unmute: unmuteSeen, resume: resumeSeen };
}
