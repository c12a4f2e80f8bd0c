import { describe, expect, it } from 'vitest';
import {
  INITIAL_DESK,
  deskReducer,
  displayPop,
  heldSecondsAt,
  selectedCompany,
  type DeskEvent,
  type DeskState,
} from './desk-state';
import { agent, company, offer } from '../../../test/factories';

const run = (events: DeskEvent[], from: DeskState = INITIAL_DESK) => events.reduce(deskReducer, from);

describe('deskReducer', () => {
  it('mirrors the agent state telephony sends', () => {
    const s = run([{ type: 'agentState', agent: agent({ state: 'ready', reason: null }) }]);
    expect(s.agent?.state).toBe('ready');
  });

  it('an offer of a known company rings and preselects the only company', () => {
    const s = run([{ type: 'callOffered', offer: offer() }]);
    expect(s.call?.phase).toBe('ringing');
    expect(s.call?.selectedCompanyId).toBe('co-1');
    expect(selectedCompany(s.call)?.name).toBe('(주)한빛전자');
  });

  it("an offer sent with a pending pop takes the pop when it follows, and only that call's, only once", () => {
    const pending = offer({
      pop: { status: 'pending', number: '0312345678', companies: [], contact: null, recentConsultations: [] },
    });
    const known = offer().pop;
    const ringing = run([{ type: 'callOffered', offer: pending }]);
    expect(ringing.call?.selectedCompanyId).toBeNull();
    const otherCall = run([{ type: 'callPop', pop: { callId: 'call-9', pop: known } }], ringing);
    expect(otherCall).toBe(ringing);
    const filled = run([{ type: 'callPop', pop: { callId: 'call-1', pop: known } }], ringing);
    expect(filled.call?.offer.pop.status).toBe('known');
    expect(selectedCompany(filled.call)?.name).toBe('(주)한빛전자');
    const again = run(
      [{ type: 'callPop', pop: { callId: 'call-1', pop: { ...known, status: 'unavailable' } } }],
      filled,
    );
    expect(again).toBe(filled);
  });

  it.each(['ambiguous', 'new', 'withheld'] as const)('an offer with pop status %s selects no company', (status) => {
    const companies = status === 'ambiguous' ? [company({ id: 'a' }), company({ id: 'b' })] : [];
    const s = run([
      {
        type: 'callOffered',
        offer: offer({ pop: { status, number: null, companies, contact: null, recentConsultations: [] } }),
      },
    ]);
    expect(s.call?.selectedCompanyId).toBeNull();
  });

  it('the counselor picks one of the ambiguous companies, not an unknown id', () => {
    const pop = {
      status: 'ambiguous' as const,
      number: '0212345678',
      companies: [company({ id: 'a' }), company({ id: 'b', name: '다른 기업' })],
      contact: null,
      recentConsultations: [],
    };
    const s = run([
      { type: 'callOffered', offer: offer({ pop }) },
      { type: 'companySelected', companyId: 'b' },
      { type: 'companySelected', companyId: 'zzz' },
    ]);
    expect(selectedCompany(s.call)?.name).toBe('다른 기업');
  });

  it('ringing → connected → ended keeps the call for the write-up', () => {
    const s = run([
      { type: 'callOffered', offer: offer() },
      {
        type: 'callConnected',
        connected: { callId: 'call-1', connectedAt: '2026-03-03T00:01:05.000Z', recordingName: null },
      },
      {
        type: 'callEnded',
        ended: { callId: 'call-1', endedAt: '2026-03-03T00:03:00.000Z', reason: 'callerHangup', wrapUpSeconds: 30 },
      },
    ]);
    expect(s.call).toMatchObject({
      phase: 'ended',
      connectedAt: '2026-03-03T00:01:05.000Z',
      endReason: 'callerHangup',
    });
  });

  it('a call that ends while ringing is cleared with a notice', () => {
    const s = run([
      { type: 'callOffered', offer: offer() },
      {
        type: 'callEnded',
        ended: { callId: 'call-1', endedAt: '2026-03-03T00:01:30.000Z', reason: 'noAnswer', wrapUpSeconds: 0 },
      },
    ]);
    expect(s.call).toBeNull();
    expect(s.notice).toBe('ringUnanswered');
  });

  it('a call whose caller hangs up while it rings says the caller left', () => {
    const s = run([
      { type: 'callOffered', offer: offer() },
      {
        type: 'callEnded',
        ended: { callId: 'call-1', endedAt: '2026-03-03T00:01:30.000Z', reason: 'callerHangup', wrapUpSeconds: 0 },
      },
    ]);
    expect(s.notice).toBe('callerLeft');
  });

  it('events for another call are ignored', () => {
    const before = run([{ type: 'callOffered', offer: offer() }]);
    const after = run(
      [
        { type: 'callConnected', connected: { callId: 'other', connectedAt: 'x', recordingName: null } },
        { type: 'callEnded', ended: { callId: 'other', endedAt: 'x', reason: 'failed', wrapUpSeconds: 0 } },
      ],
      before,
    );
    expect(after).toEqual(before);
  });

  it('a failed command ack clears pending and shows the error', () => {
    const error = { command: 'call.answer.v1', code: 'INVALID_STATE' as const, message: '이미 끊긴 전화입니다' };
    const s = run([
      { type: 'commandStarted', command: 'call.answer.v1' },
      { type: 'commandFinished', command: 'call.answer.v1', ack: { ok: false, error } },
    ]);
    expect(s.pending).toBeNull();
    expect(s.error).toEqual(error);
  });

  it('a successful ack clears pending; starting a command clears an old error', () => {
    const error = { command: 'agent.ready.v1', code: 'UNAVAILABLE' as const, message: 'x' };
    const s = run([
      { type: 'commandError', error },
      { type: 'commandStarted', command: 'agent.ready.v1' },
    ]);
    expect(s.error).toBeNull();
    expect(s.pending).toBe('agent.ready.v1');
    expect(run([{ type: 'commandFinished', command: 'agent.ready.v1', ack: { ok: true } }], s).pending).toBeNull();
  });

  it('command.error.v1 from the server is shown, and can be dismissed', () => {
    const error = { command: 'call.hangup.v1', code: 'INTERNAL' as const, message: 'ARI 오류' };
    const s = run([{ type: 'commandError', error }]);
    expect(s.error).toEqual(error);
    expect(run([{ type: 'errorDismissed' }], s).error).toBeNull();
  });

  it('dismissing the call clears it', () => {
    expect(run([{ type: 'callOffered', offer: offer() }, { type: 'callDismissed' }]).call).toBeNull();
  });
});

describe('wrap-up countdown', () => {
  it('an ended call carries when its wrap-up ends; none when telephony grants none', () => {
    const connected = run([
      { type: 'callOffered', offer: offer() },
      {
        type: 'callConnected',
        connected: { callId: 'call-1', connectedAt: '2026-03-03T00:01:05.000Z', recordingName: null },
      },
    ]);
    const ended = (wrapUpSeconds: number) =>
      deskReducer(connected, {
        type: 'callEnded',
        ended: { callId: 'call-1', endedAt: '2026-03-03T00:03:00.000Z', reason: 'agentHangup', wrapUpSeconds },
      });
    expect(ended(30).call?.wrapUpUntil).toBe('2026-03-03T00:03:30.000Z');
    expect(ended(0).call?.wrapUpUntil).toBeNull();
  });
});

describe('reconciling with the agent state (missed call events after a reconnect)', () => {
  const ringing = run([
    { type: 'agentState', agent: agent({ state: 'ringing', reason: null }) },
    { type: 'callOffered', offer: offer() },
  ]);
  const connected = run(
    [
      {
        type: 'callConnected',
        connected: { callId: 'call-1', connectedAt: '2026-03-03T00:01:05.000Z', recordingName: null },
      },
    ],
    ringing,
  );

  it.each([
    ['ready', 'callerLeft'],
    ['notReady', 'ringUnanswered'],
    ['offline', 'ringUnanswered'],
    ['wrapUp', 'ringUnanswered'],
  ] as const)('a ringing call is missed when the agent is %s (notice %s)', (state, notice) => {
    const s = run([{ type: 'agentState', agent: agent({ state, since: '2026-03-03T00:02:00.000Z' }) }], ringing);
    expect(s.call).toBeNull();
    expect(s.notice).toBe(notice);
  });

  it('a live call ends when the agent is in wrap-up, and keeps the write-up; the late call.ended adds the reason', () => {
    const s = run(
      [{ type: 'agentState', agent: agent({ state: 'wrapUp', reason: null, since: '2026-03-03T00:05:00.000Z' }) }],
      connected,
    );
    expect(s.call).toMatchObject({ phase: 'ended', endedAt: '2026-03-03T00:05:00.000Z', endReason: null });
    const late = run(
      [
        {
          type: 'callEnded',
          ended: { callId: 'call-1', endedAt: '2026-03-03T00:04:59.000Z', reason: 'callerHangup', wrapUpSeconds: 30 },
        },
      ],
      s,
    );
    expect(late.call).toMatchObject({
      phase: 'ended',
      endReason: 'callerHangup',
      wrapUpUntil: '2026-03-03T00:05:29.000Z',
    });
  });

  it.each(['reserved', 'ringing', 'onCall'] as const)('agent %s leaves the call alone', (state) => {
    expect(run([{ type: 'agentState', agent: agent({ state, reason: null }) }], connected).call?.phase).toBe(
      'connected',
    );
    expect(run([{ type: 'agentState', agent: agent({ state, reason: null }) }], ringing).call?.phase).toBe('ringing');
  });
});

describe("the chosen company's own pop", () => {
  const shared = {
    status: 'ambiguous' as const,
    number: '0212345678',
    companies: [company({ id: 'a' }), company({ id: 'b', name: '한빛상사' })],
    contact: null,
    recentConsultations: [],
  };
  const chosenB = run([
    { type: 'callOffered', offer: offer({ pop: shared }) },
    { type: 'companySelected', companyId: 'b' },
  ]);
  const popOfB = {
    status: 'known' as const,
    number: '0212345678',
    companies: [company({ id: 'b', name: '한빛상사' })],
    contact: null,
    recentConsultations: [],
  };

  it('replaces what is shown for the pick it was asked for', () => {
    const s = run([{ type: 'popRefined', callId: 'call-1', companyId: 'b', pop: popOfB }], chosenB);
    expect(displayPop(s.call!)).toBe(popOfB);
    expect(s.call?.offer.pop).toBe(shared); // the chooser still lists every company
  });

  it.each([
    ['another call', { type: 'popRefined' as const, callId: 'call-0', companyId: 'b', pop: popOfB }],
    [
      'an earlier pick',
      {
        type: 'popRefined' as const,
        callId: 'call-1',
        companyId: 'a',
        pop: { ...popOfB, companies: [company({ id: 'a' })] },
      },
    ],
    [
      'a pop of another company',
      {
        type: 'popRefined' as const,
        callId: 'call-1',
        companyId: 'b',
        pop: { ...popOfB, companies: [company({ id: 'zz' })] },
      },
    ],
    [
      'a pop that is not known',
      {
        type: 'popRefined' as const,
        callId: 'call-1',
        companyId: 'b',
        pop: { ...popOfB, status: 'ambiguous' as const },
      },
    ],
  ])('is ignored when it answers %s', (_name, event) => {
    expect(displayPop(run([event], chosenB).call!)).toBe(shared);
  });

  it("a new pick drops the previous company's pop", () => {
    const s = run(
      [
        { type: 'popRefined', callId: 'call-1', companyId: 'b', pop: popOfB },
        { type: 'companySelected', companyId: 'a' },
      ],
      chosenB,
    );
    expect(s.call?.refinedPop).toBeNull();
  });
});

describe('hold and mute (call.controls.v1)', () => {
  const connected: DeskEvent[] = [
    { type: 'callOffered', offer: offer() },
    {
      type: 'callConnected',
      connected: { callId: 'call-1', connectedAt: '2026-03-03T00:01:00.000Z', recordingName: null },
    },
  ];
  const held = (
    over: Partial<{ callId: string; heldSince: string | null; heldSeconds: number; muted: boolean }> = {},
  ) =>
    ({
      type: 'callControls',
      controls: { callId: 'call-1', heldSince: '2026-03-03T00:02:00.000Z', heldSeconds: 10, muted: true, ...over },
    }) satisfies DeskEvent;

  it('a new call starts neither held nor muted; telephony says when that changes', () => {
    expect(run(connected).call?.controls).toEqual({ heldSince: null, heldSeconds: 0, muted: false });
    expect(run([...connected, held()]).call?.controls).toEqual({
      heldSince: '2026-03-03T00:02:00.000Z',
      heldSeconds: 10,
      muted: true,
    });
  });

  it('controls of another call, or of a call not connected, are ignored', () => {
    expect(run([...connected, held({ callId: 'other' })]).call?.controls.heldSince).toBeNull();
    expect(run([connected[0]!, held()]).call?.controls.heldSince).toBeNull();
  });

  it('the hold time counts every hold, the running one to now; the call ending stops it', () => {
    const s = run([...connected, held()]);
    expect(heldSecondsAt(s.call!.controls, Date.parse('2026-03-03T00:02:30.000Z'))).toBe(40);
    const ended = deskReducer(s, {
      type: 'callEnded',
      ended: { callId: 'call-1', endedAt: '2026-03-03T00:02:05.000Z', reason: 'callerHangup', wrapUpSeconds: 0 },
    });
    expect(ended.call?.controls).toEqual({ heldSince: null, heldSeconds: 15, muted: false });
  });
});
