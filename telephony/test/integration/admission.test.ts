import { afterEach, describe, expect, it } from 'vitest';
import { type Center, reachQueue, nextSeoulNoon, startCenter, until } from '../support/center';
import { supervisorConsole } from '../support/supervisor-console';

/**
 * The IVR's wait estimate and admission control over pbx-sim, telephony, Redis and crm-api.
 * "Callers ahead" are phantom entries in the fund queue (ids with no call record: the ACD skips
 * them), so the queue's depth is set without placing those calls.
 */
describe('wait estimate and admission control over pbx-sim', () => {
  let center: Center;
  afterEach(async () => center?.close());

  const phantoms = (n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, k) => center.redis.zadd(`${center.prefix}queue:fund`, 0, `phantom-fund-${k}`)),
    );
  const plays = async (channel: string) =>
    (await center.pbx.requests!()).filter((r) => r.method === 'POST' && r.path.endsWith(`/channels/${channel}/play`));
  const finishedOf = async (callId: string) => {
    const { rows } = await center.db.query<{ data: { outcome: { kind: string }; path: string[]; refused?: string } }>(
      "SELECT data FROM call_events WHERE call_id = $1 AND type = 'ivr.finished'",
      [callId],
    );
    return rows[0]?.data;
  };

  /** A caller who presses 1 at the main menu until the overflow offer plays (the queue admits nobody more). */
  const toOverflowOffer = async () => {
    const caller = await center.pbx.placeCall(center.callers.unknown[0]!);
    const node = center.telephony[0]!.node;
    const callId = await until(() => center.state.callIdOfChannel(node, caller), 'call record');
    await until(async () => {
      if ((await plays(caller)).some((r) => r.query.media?.includes('/overflow-offer'))) return true;
      await center.pbx.dtmf(caller, '1').catch(() => undefined);
      await new Promise((r) => setTimeout(r, 60));
      return false;
    }, 'the overflow offer');
    return { caller, callId };
  };

  it('six callers ahead and a Ready agent whose calls are short: queued and offered, not sent to the overflow menu', async () => {
    center = await startCenter({ clockStart: nextSeoulNoon() });
    // 6 ahead with one Ready agent at 30 s a call ≈ 180 s: under the flows' 300 s (the old flat
    // minute per caller said 360 s and offered a callback instead).
    await center.startTelephony(undefined, { env: { HANDLE_TIME_PRIOR_SECONDS: '30' } });
    await phantoms(6);
    const agent = await center.agentConsole('1001');
    await agent.next('agent.state.v1', (s: { state: string }) => s.state === 'notReady');
    await center.pbx.setPhone('1001', 'manual');
    expect(await agent.command('agent.ready.v1', {})).toEqual({ ok: true });

    const caller = await center.pbx.placeCall(center.callers.unknown[0]!);
    const callId = await reachQueue(center, caller);
    const offered = await agent.next<{ callId: string }>('call.offered.v1');
    expect(offered.callId).toBe(callId);
    const finished = await until(() => finishedOf(callId), 'ivr.finished in crm-api');
    expect(finished.outcome.kind).toBe('queue');
    expect(finished.path).toContain('fund-wait');
    expect(finished.path).not.toContain('fund-overflow');
    await center.pbx.hangup(caller);
  });

  it('a full queue: the overflow menu first, then (still wanting to queue) the busy message; counted on the wallboard', async () => {
    center = await startCenter({ clockStart: nextSeoulNoon() });
    await center.startTelephony(undefined, { env: { ADMISSION_MAX_QUEUE_DEPTH: '2' } });
    await phantoms(2);

    const { caller, callId } = await toOverflowOffer();
    // 2: "keep waiting" — the queue still refuses: the busy message, then the caller is hung up.
    await center.pbx.dtmf(caller, '2');
    await until(
      async () => (await plays(caller)).some((r) => r.query.media?.includes('/fallback-goodbye')),
      'the busy message',
    );
    await until(async () => !(await center.pbx.channelIds()).includes(caller), 'caller hung up');

    const finished = await until(() => finishedOf(callId), 'ivr.finished in crm-api');
    expect(finished).toMatchObject({ outcome: { kind: 'queue' }, refused: 'depth' });
    expect(finished.path).toContain('fund-overflow');
    expect(await center.state.queueLength('fund')).toBe(2); // never queued
    // Counted under telephony's own (fast test clock's) Seoul day: the one day key there is.
    const days = await center.redis.keys(`${center.prefix}refused:*`);
    expect(days).toHaveLength(1);
    expect(await center.state.refusedOn(days[0]!.slice(`${center.prefix}refused:`.length))).toEqual({ fund: 1 });

    const sup = await supervisorConsole(center);
    const snapshot = await sup.next<{ queues: { queue: string; refusedToday?: number }[] }>('floor.snapshot.v1');
    expect(snapshot.queues.find((q) => q.queue === 'fund')?.refusedToday).toBe(1);
    expect(snapshot.queues.find((q) => q.queue === 'general')?.refusedToday).toBe(0);
    sup.socket.disconnect();
  });

  it('a closed door: the wallboard says so at once, counts the caller turned away, and clears when it opens', async () => {
    center = await startCenter({ clockStart: nextSeoulNoon() });
    // What the door measures, steered: a process falling behind without stalling the whole test.
    const delay = { ms: 0 };
    await center.startTelephony(undefined, {
      env: { ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '500' },
      deps: { eventLoopDelayMs: () => delay.ms },
    });
    type Snapshot = { door?: { refusedToday: number; closedNodes: number } };
    const sup = await supervisorConsole(center);
    const joined = await sup.next<Snapshot>('floor.snapshot.v1');
    expect(joined.door).toEqual({ refusedToday: 0, closedNodes: 0 });

    delay.ms = 2_000;
    await sup.next<Snapshot>('floor.snapshot.v1', (s) => s.door?.closedNodes === 1);
    const caller = await center.pbx.placeCall(center.callers.unknown[0]!);
    await until(async () => !(await center.pbx.channelIds()).includes(caller), 'caller hung up at the door');
    // Congestion (34): a SIP carrier is told 503 Service Unavailable, not a plain hang-up's 603.
    expect(await center.pbx.endCause!(caller)).toBe(34);
    // A refusal wakes nobody: a later build of the wallboard (while the door is closed) shows the count.
    await sup.next<Snapshot>('floor.snapshot.v1', (s) => s.door?.refusedToday === 1 && s.door.closedNodes === 1);

    delay.ms = 0;
    const open = await sup.next<Snapshot>(
      'floor.snapshot.v1',
      (s) => s.door?.closedNodes === 0 && !!s.door.refusedToday,
    );
    expect(open.door).toEqual({ refusedToday: 1, closedNodes: 0 });
    sup.socket.disconnect();
  });

  it('the arrival limit: callers past it in the same second are refused at the door; the first is taken', async () => {
    center = await startCenter({ clockStart: nextSeoulNoon() });
    await center.startTelephony(undefined, { env: { ADMISSION_MAX_CALLS_PER_SECOND: '1' } });
    // Three callers at once against one a second: the bucket holds one.
    const callers = await Promise.all(
      [center.callers.unknown[0]!, center.callers.unknown[1]!, center.callers.known[0]!].map((n) =>
        center.pbx.placeCall(n),
      ),
    );
    const ended = await until(async () => {
      const { rows } = await center.db.query<{ reason: string | null }>(
        "SELECT data->>'reason' AS reason FROM call_events WHERE type = 'call.ended'",
      );
      return rows.length >= 2 ? rows : undefined;
    }, 'two callers turned away');
    expect(ended.map((r) => r.reason)).toEqual(['refusedAtDoor', 'refusedAtDoor']);
    const live = await center.state.listCalls();
    expect(live).toHaveLength(1);
    expect(callers).toContain(live[0]!.callerChannelId);
    // Turned away with congestion, as at a closed door.
    const refused = callers.filter((c) => c !== live[0]!.callerChannelId);
    for (const c of refused) expect(await center.pbx.endCause!(c)).toBe(34);
  });

  it('callers on virtual hold count in the depth: one on the line and one held fill a queue of two', async () => {
    center = await startCenter({ clockStart: nextSeoulNoon() });
    await center.startTelephony(undefined, { env: { ADMISSION_MAX_QUEUE_DEPTH: '2' } });
    await phantoms(1);
    // A place kept on virtual hold (a phantom ticket: no agent is Ready to call it back).
    await center.redis.zadd(`${center.prefix}vhold:queue:fund`, 0, 'phantom-ticket');

    const { caller, callId } = await toOverflowOffer();
    await center.pbx.dtmf(caller, '2');
    await until(async () => !(await center.pbx.channelIds()).includes(caller), 'caller hung up');
    const finished = await until(() => finishedOf(callId), 'ivr.finished in crm-api');
    expect(finished).toMatchObject({ outcome: { kind: 'queue' }, refused: 'depth' });
    expect(await center.state.queueLength('fund')).toBe(1); // never queued
  });
});
