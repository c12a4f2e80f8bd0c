import type { AgentSnapshot } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { agent, offer } from '../../../test/factories';
import { INITIAL_DESK, deskReducer, type DeskEvent, type DeskState } from '../desk/desk-state';
import { wrapUpSync, wrapUpView, writeUpBlocksReady } from './wrap-up-model';

const run = (events: DeskEvent[], from: DeskState = INITIAL_DESK) => events.reduce(deskReducer, from);

/** A call that was answered and has ended: its write-up is open, the agent in wrap-up. */
const ended = run([
  { type: 'callOffered', offer: offer() },
  {
    type: 'callConnected',
    connected: { callId: 'call-1', connectedAt: '2026-03-03T00:01:05.000Z', recordingName: null },
  },
  {
    type: 'callEnded',
    ended: { callId: 'call-1', endedAt: '2026-03-03T00:03:00.000Z', reason: 'callerHangup', wrapUpSeconds: 15 },
  },
]);
const saved = run([{ type: 'writeUpSaved', callId: 'call-1' }], ended);
const wrapUp = (over: Partial<AgentSnapshot> = {}) =>
  agent({
    state: 'wrapUp',
    reason: null,
    callId: 'call-1',
    wrapUpUntil: '2026-03-03T00:03:15.000Z',
    wrapUpHeld: false,
    ...over,
  });
const withAgent = (desk: DeskState, a: AgentSnapshot) => run([{ type: 'agentState', agent: a }], desk);

describe('wrap-up and the write-up', () => {
  it.each([
    ['open write-up, wrap-up not held → hold', withAgent(ended, wrapUp()), 'agent.wrapUp.hold.v1'],
    ['open write-up, already held → nothing', withAgent(ended, wrapUp({ wrapUpHeld: true })), null],
    ['saved write-up, held → release', withAgent(saved, wrapUp({ wrapUpHeld: true })), 'agent.wrapUp.release.v1'],
    ['saved before wrap-up began (during the call) → nothing: the countdown runs', withAgent(saved, wrapUp()), null],
    ['wrap-up for another call → nothing', withAgent(ended, wrapUp({ callId: 'call-0' })), null],
    ['agent already Ready → nothing', withAgent(ended, agent({ state: 'ready', reason: null })), null],
    ['no call on desk → nothing', withAgent(INITIAL_DESK, wrapUp()), null],
  ] as const)('%s', (_name, desk, send) => {
    expect(wrapUpSync(desk)?.send ?? null).toBe(send);
  });

  it('the bar waits for the write-up while held, counts down otherwise, and is absent outside wrap-up', () => {
    expect(wrapUpView(withAgent(ended, wrapUp({ wrapUpHeld: true })))).toEqual({
      kind: 'waitingForWriteUp',
      callId: 'call-1',
    });
    expect(wrapUpView(withAgent(saved, wrapUp()))).toEqual({
      kind: 'countdown',
      callId: 'call-1',
      until: '2026-03-03T00:03:15.000Z',
    });
    expect(wrapUpView(withAgent(saved, agent({ state: 'ready', reason: null })))).toEqual({ kind: 'none' });
  });

  it('an open write-up of an ended call blocks Ready; a saved one, a live call or none does not', () => {
    expect(writeUpBlocksReady(ended)).toBe(true);
    expect(writeUpBlocksReady(saved)).toBe(false);
    expect(writeUpBlocksReady(INITIAL_DESK)).toBe(false);
    expect(writeUpBlocksReady(run([{ type: 'callOffered', offer: offer() }]))).toBe(false);
  });

  it('writeUpSaved for another call changes nothing', () => {
    expect(run([{ type: 'writeUpSaved', callId: 'call-9' }], ended)).toBe(ended);
  });

  it('a hold refused because wrap-up already ended is not shown as an error; other refusals are', () => {
    const refusal = (command: string) =>
      run([{ type: 'commandError', error: { command, code: 'INVALID_STATE', message: 'agent 1001 is ready' } }], ended);
    expect(refusal('agent.wrapUp.hold.v1').error).toBeNull();
    expect(refusal('agent.wrapUp.extend.v1').error).not.toBeNull();
  });
});
