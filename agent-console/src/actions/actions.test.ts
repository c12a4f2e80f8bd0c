import type { AgentState, CommandAck, NotReadyReason } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { ACTIONS, actionById, actionForKey, runAction, type ActionContext } from '.';
import { INITIAL_DESK, deskReducer, type DeskState } from '../features/desk/desk-state';
import { agent, offer } from '../../test/factories';

/** `{ ctx, calls }`: the context an action sees, with commands that record what was sent. */
function build(desk: DeskState, over: Partial<ActionContext> = {}) {
  const calls: string[] = [];
  const ok = async (): Promise<CommandAck> => ({ ok: true });
  const ctx: ActionContext = {
    desk,
    online: true,
    notReadyReason: 'meal',
    commands: {
      ready: () => (calls.push('ready'), ok()),
      notReady: (reason: NotReadyReason) => (calls.push(`notReady:${reason}`), ok()),
      answer: (callId: string) => (calls.push(`answer:${callId}`), ok()),
      hangup: (callId: string) => (calls.push(`hangup:${callId}`), ok()),
      hold: (callId: string, held: boolean) => (calls.push(`hold:${callId}:${held}`), ok()),
      mute: (callId: string, muted: boolean) => (calls.push(`mute:${callId}:${muted}`), ok()),
      recordingPause: (callId: string, paused: boolean) => (calls.push(`recordingPause:${callId}:${paused}`), ok()),
    },
    submitConsultation: null,
    insertTemplate: null,
    ...over,
  };
  return { ctx, calls };
}

const withAgent = (state: AgentState, reason: NotReadyReason | null = null): DeskState => ({
  ...INITIAL_DESK,
  agent: agent({ state, reason }),
});

const ringing = (): DeskState => deskReducer(withAgent('ringing'), { type: 'callOffered', offer: offer() });

const connected = (): DeskState =>
  deskReducer(ringing(), {
    type: 'callConnected',
    connected: { callId: 'call-1', connectedAt: '2026-03-03T00:01:05Z', recordingName: null },
  });

describe('registry', () => {
  it('every action has its own shortcut', () => {
    expect(new Set(ACTIONS.map((a) => a.shortcut)).size).toBe(ACTIONS.length);
  });

  it.each([
    [{ key: 'F2' }, 'ready'],
    [{ key: 'F3' }, 'notReady'],
    [{ key: 'F4' }, 'answer'],
    [{ key: 'F8' }, 'hangup'],
    [{ key: 'F6' }, 'hold'],
    [{ key: 'F10' }, 'mute'],
    [{ key: 'F1' }, 'transfer'],
    [{ key: 'F1', shiftKey: true }, 'recordingPause'],
    [{ key: 'F2', shiftKey: true }, null],
    [{ key: 'F9' }, 'saveConsultation'],
    [{ key: 'F5' }, null],
    [{ key: 'F2', ctrlKey: true }, null],
    [{ key: 'F4', altKey: true }, null],
    [{ key: 'a' }, null],
  ])('key %o → %s', (event, id) => expect(actionForKey(event)?.id ?? null).toBe(id));

  it('runAction does nothing when the guard says no', async () => {
    const { ctx, calls } = build(withAgent('onCall'));
    expect(await runAction(actionById('ready'), ctx)).toBe(false);
    expect(calls).toEqual([]);
  });
});

describe('Ready (F2)', () => {
  const ready = actionById('ready');
  it.each<[AgentState, boolean]>([
    ['offline', true],
    ['notReady', true],
    ['wrapUp', true],
    ['ready', false],
    ['reserved', false],
    ['ringing', false],
    ['onCall', false],
  ])('from %s enabled=%s', (state, enabled) => expect(ready.enabled(build(withAgent(state)).ctx)).toBe(enabled));

  it('is disabled before the agent state is known and while a command is in flight', () => {
    expect(ready.enabled(build(INITIAL_DESK).ctx)).toBe(false);
    expect(ready.enabled(build({ ...withAgent('notReady'), pending: 'agent.notReady.v1' }).ctx)).toBe(false);
  });

  it('is disabled while an ended call has its write-up open (the next call would replace it), enabled once saved', () => {
    const ended = [
      { type: 'callOffered', offer: offer() },
      {
        type: 'callConnected',
        connected: { callId: 'call-1', connectedAt: '2026-03-03T00:01:05.000Z', recordingName: null },
      },
      {
        type: 'callEnded',
        ended: { callId: 'call-1', endedAt: '2026-03-03T00:03:00.000Z', reason: 'agentHangup', wrapUpSeconds: 15 },
      },
    ] as const;
    const open = ended.reduce(deskReducer, withAgent('wrapUp'));
    expect(ready.enabled(build(open).ctx)).toBe(false);
    expect(actionById('notReady').enabled(build(open).ctx)).toBe(true);
    const saved = deskReducer(open, { type: 'writeUpSaved', callId: 'call-1' });
    expect(ready.enabled(build(saved).ctx)).toBe(true);
  });

  it('after a connected call, is disabled until a wrap-up code is picked (Not ready stays possible)', () => {
    const wrap = (
      wrapUpCode: DeskState['agent'] extends infer A ? (A extends { wrapUpCode?: infer C } ? C : never) : never,
    ) => ({
      ...INITIAL_DESK,
      agent: agent({
        state: 'wrapUp',
        reason: null,
        callId: 'call-1',
        wrapUpUntil: '2026-03-03T00:03:15.000Z',
        wrapUpCode,
      }),
    });
    expect(ready.enabled(build(wrap(null)).ctx)).toBe(false);
    expect(actionById('notReady').enabled(build(wrap(null)).ctx)).toBe(true);
    expect(ready.enabled(build(wrap('resolved')).ctx)).toBe(true);
  });

  it('sends agent.ready', async () => {
    const { ctx, calls } = build(withAgent('notReady', 'break'));
    expect(await runAction(ready, ctx)).toBe(true);
    expect(calls).toEqual(['ready']);
  });
});

describe('Not ready (F3)', () => {
  const notReady = actionById('notReady');
  it.each<[AgentState, NotReadyReason | null, boolean]>([
    ['ready', null, true],
    ['wrapUp', null, true],
    ['notReady', 'break', true], // changing the reason
    ['notReady', 'meal', false], // same reason as chosen
    ['onCall', null, false],
    ['ringing', null, false],
    ['offline', null, false],
  ])('from %s (%s) enabled=%s', (state, reason, enabled) =>
    expect(notReady.enabled(build(withAgent(state, reason)).ctx)).toBe(enabled),
  );

  it('sends the reason chosen in the picker', async () => {
    const { ctx, calls } = build(withAgent('ready'));
    await runAction(notReady, ctx);
    expect(calls).toEqual(['notReady:meal']);
  });
});

describe('Answer (F4)', () => {
  const answer = actionById('answer');
  it('is enabled only while the call rings', () => {
    expect(answer.enabled(build(ringing()).ctx)).toBe(true);
    expect(answer.enabled(build(connected()).ctx)).toBe(false);
    expect(answer.enabled(build(withAgent('ready')).ctx)).toBe(false);
    expect(answer.enabled(build({ ...ringing(), pending: 'call.answer.v1' }).ctx)).toBe(false);
  });

  it('answers the call on desk by its id', async () => {
    const { ctx, calls } = build(ringing());
    await runAction(answer, ctx);
    expect(calls).toEqual(['answer:call-1']);
  });
});

describe('Hang up (F8)', () => {
  const hangup = actionById('hangup');
  it('is enabled while ringing or connected, not after the call ended', () => {
    expect(hangup.enabled(build(connected()).ctx)).toBe(true);
    expect(hangup.enabled(build(ringing()).ctx)).toBe(true);
    const ended = deskReducer(connected(), {
      type: 'callEnded',
      ended: { callId: 'call-1', endedAt: 'x', reason: 'callerHangup', wrapUpSeconds: 10 },
    });
    expect(hangup.enabled(build(ended).ctx)).toBe(false);
  });

  it('hangs up the call on desk', async () => {
    const { ctx, calls } = build(connected());
    await runAction(hangup, ctx);
    expect(calls).toEqual(['hangup:call-1']);
  });
});

describe('Hold (F6) and mute (F10)', () => {
  const hold = actionById('hold');
  const mute = actionById('mute');
  const controls = (desk: DeskState, heldSince: string | null, muted: boolean) =>
    deskReducer(desk, { type: 'callControls', controls: { callId: 'call-1', heldSince, heldSeconds: 0, muted } });

  it('are enabled only on a connected call, with no command in flight', () => {
    for (const action of [hold, mute]) {
      expect(action.enabled(build(connected()).ctx)).toBe(true);
      expect(action.enabled(build(ringing()).ctx)).toBe(false);
      expect(action.enabled(build(withAgent('ready')).ctx)).toBe(false);
      expect(action.enabled(build({ ...connected(), pending: 'call.hold.v1' }).ctx)).toBe(false);
      expect(action.enabled(build(connected(), { online: false }).ctx)).toBe(false);
    }
  });

  it('ask for the state wanted: hold, then resume; mute, then unmute', async () => {
    const { ctx, calls } = build(connected());
    expect(hold.pressed?.(ctx)).toBe(false);
    await runAction(hold, ctx);
    await runAction(mute, ctx);
    const on = build(controls(connected(), '2026-03-03T00:02:00Z', true));
    expect(hold.pressed?.(on.ctx)).toBe(true);
    expect(mute.pressed?.(on.ctx)).toBe(true);
    await runAction(hold, on.ctx);
    await runAction(mute, on.ctx);
    expect([...calls, ...on.calls]).toEqual([
      'hold:call-1:true',
      'mute:call-1:true',
      'hold:call-1:false',
      'mute:call-1:false',
    ]);
  });
});

describe('Recording pause (Shift+F1)', () => {
  const pause = actionById('recordingPause');
  const paused = (desk: DeskState, recordingPaused: boolean) =>
    deskReducer(desk, {
      type: 'callControls',
      controls: { callId: 'call-1', heldSince: null, heldSeconds: 0, muted: false, recordingPaused },
    });

  it('works on a connected call only and asks for the state wanted: pause, then resume', async () => {
    expect(pause.enabled(build(ringing()).ctx)).toBe(false);
    expect(pause.enabled(build(connected(), { online: false }).ctx)).toBe(false);
    const { ctx, calls } = build(connected());
    expect(pause.pressed?.(ctx)).toBe(false);
    await runAction(pause, ctx);
    const on = build(paused(connected(), true));
    expect(pause.pressed?.(on.ctx)).toBe(true);
    await runAction(pause, on.ctx);
    expect([...calls, ...on.calls]).toEqual(['recordingPause:call-1:true', 'recordingPause:call-1:false']);
  });
});

describe('Save consultation (F9)', () => {
  const save = actionById('saveConsultation');
  it('is enabled only when a form is on screen, and submits it', async () => {
    expect(save.enabled(build(connected()).ctx)).toBe(false);
    let submitted = 0;
    const { ctx } = build(connected(), { submitConsultation: () => void submitted++ });
    expect(await runAction(save, ctx)).toBe(true);
    expect(submitted).toBe(1);
  });
});
