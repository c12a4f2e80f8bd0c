import { describe, expect, it } from 'vitest';
import { queueScore } from '../../src/core/acd';
import { type CallEffect, type LiveCall, applyCallEvent, newCall } from '../../src/core/call';
import { ticketFor, ticketsTurn } from '../../src/core/virtual-hold';

const T0 = new Date('2026-12-02T01:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const opts = { wrapUpSeconds: 10 };
const types = (effects: CallEffect[]) => effects.map((e) => (e.type === 'callEvent' ? e.eventType : e.type));

const queued = (patch: Partial<LiveCall> = {}): LiveCall => ({
  ...newCall({ callId: 'c1', node: 'n1', callerChannelId: 'ch-caller', callerNumber: '010-1234-5678' }, T0),
  state: 'queued',
  queue: 'fund',
  priority: 1,
  enqueuedAt: T0.toISOString(),
  holdingBridgeId: 'c1-hold',
  ...patch,
});

describe('ticketFor', () => {
  it('keeps the queued caller’s place (their queue score) and a dialable number', () => {
    expect(ticketFor(queued(), 't1', at(40))).toEqual({
      ok: true,
      ticket: {
        ticketId: 't1',
        callId: 'c1',
        queue: 'fund',
        number: '01012345678',
        score: queueScore(T0.toISOString(), 1),
        heldAt: at(40).toISOString(),
      },
    });
  });

  const refused: [string, LiveCall, RegExp][] = [
    ['a withheld number', queued({ callerNumber: null }), /withheld/],
    ['a number that cannot be dialled', queued({ callerNumber: '112' }), /not dialable/],
    ['a caller still in the IVR', queued({ state: 'ivr', queue: null }), /ivr/],
    ['a caller whose phone is ringing at an agent', queued({ state: 'offering', agentId: '1001' }), /offering/],
    [
      'a caller transferred by a counselor',
      queued({ agentTransfer: { from: '1001' } as unknown as LiveCall['agentTransfer'] }),
      /transferred/,
    ],
  ];
  it.each(refused)('refuses %s', (_n, call, why) => {
    const r = ticketFor(call, 't1', at(40));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.why).toMatch(why);
  });
});

describe('the call machine’s virtualHold step', () => {
  it('takes the caller out of the queue and hangs up, recording virtual hold and no abandon', () => {
    const { call, effects } = applyCallEvent(queued(), { type: 'virtualHold', ticketId: 't1' }, at(40), opts);
    expect(call).toMatchObject({ state: 'ended', endedAt: at(40).toISOString() });
    expect(types(effects)).toEqual([
      'dequeue',
      'hangup',
      'destroyBridges',
      'queue.virtualHold',
      'call.ended',
      'forget',
      'dispatch',
    ]);
    expect(effects).toContainEqual({ type: 'hangup', channelId: 'ch-caller' });
    expect(effects).toContainEqual({
      type: 'callEvent',
      eventType: 'queue.virtualHold',
      data: { ticketId: 't1', waitedSeconds: 40 },
    });
    // The caller's channel then leaves: the ended call does nothing more.
    expect(applyCallEvent(call, { type: 'callerHangup' }, at(41), opts).effects).toEqual([]);
  });

  it('does nothing to a call no longer waiting (offered meanwhile)', () => {
    const offering = queued({ state: 'offering', agentId: '1001', agentChannelId: 'ch-agent' });
    expect(applyCallEvent(offering, { type: 'virtualHold', ticketId: 't1' }, at(40), opts)).toEqual({
      call: offering,
      effects: [],
    });
  });
});

describe('ticketsTurn', () => {
  it('is the ticket’s turn when no live caller waits from an earlier or equal place', () => {
    expect(ticketsTurn(100, null)).toBe(true);
    expect(ticketsTurn(100, 200)).toBe(true);
    expect(ticketsTurn(100, 100)).toBe(false);
    expect(ticketsTurn(200, 100)).toBe(false);
  });
});
