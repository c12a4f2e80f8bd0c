import type { AgentState, CommandAck, NotReadyReason } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { ACTIONS, actionById, actionForKey, runAction, type ActionContext } from '../src/actions';
import { INITIAL_DESK, deskReducer, type DeskState } from '../src/features/desk/desk-state';
import { agent, offer } from './factories';

/** `{ ctx, calls }`: the context an action sees, with commands that record what was sent. */
function build(desk: DeskState, over: Partial<ActionContext> = {}) {
  const calls: string[] = [];
  const ok = async (): Promise<CommandAck> => ({ ok: true });
  const ctx: ActionContext = {
    desk,
    notReadyReason: 'meal',
    commands: {
      ready: () => (calls.push('ready'), ok()),
      notReady: (reason: NotReadyReason) => (calls.push(`notReady:${reason}`), ok()),
      answer: (callId: string) => (calls.push(`answer:${callId}`), ok()),
      hangup: (callId: string) => (calls.push(`hangup:${callId}`), ok()),
    },
    submitConsultation: null,
    insertTemplate: null,
    ...over,
  };
  return { ctx, calls };
}

const withAgent = (state: AgentState, reason: NotReadyReason | null = null): DeskState => ({ ...INITIAL_DESK, agent: agent({ state, reason }) });
const ringing = (): DeskState => deskReducer(withAgent('ringing'), { type: 'callOffered', offer: offer() });
const connected = (): DeskState => deskReducer(ringing(), { type: 'callConnected', connected: { callId: 'call-1', connectedAt: '2026-03-03T00:01:05Z', recordingName: null } });

describe('registry', () => {
  it('every action has its own shortcut', () => {
    expect(new Set(ACTIONS.map((a) => a.shortcut)).size).toBe(ACTIONS.length);
  });

  it.each([
    [{ key: 'F2' }, 'ready'],
    [{ key: 'F3' }, 'notReady'],
    [{ key: 'F4' }, 'answer'],
    [{ key: 'F8' }, 'hangup'],
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
  ])('from %s (%s) enabled=%s', (state, reason, enabled) => expect(notReady.enabled(build(withAgent(state, reason)).ctx)).toBe(enabled));

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
    const ended = deskReducer(connected(), { type: 'callEnded', ended: { callId: 'call-1', endedAt: 'x', reason: 'callerHangup', wrapUpSeconds: 10 } });
    expect(hangup.enabled(build(ended).ctx)).toBe(false);
  });

  it('hangs up the call on desk', async () => {
    const { ctx, calls } = build(connected());
    await runAction(hangup, ctx);
    expect(calls).toEqual(['hangup:call-1']);
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
