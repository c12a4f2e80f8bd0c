import { describe, expect, it } from 'vitest';
import type { ConsoleBus } from '../../src/adapters/console/bus';
import type { LiveState } from '../../src/adapters/redis/live-state';
import { Consults } from '../../src/app/calls/agent-transfer-consult';
import type { CallChains } from '../../src/app/calls/call-chains';
import type { CallStepper } from '../../src/app/calls/call-stepper';
import type { Scheduler } from '../../src/clock/scheduler';
import { type CallEvent, type LiveCall, newCall } from '../../src/core/call';
import { testLog } from '../support/log';
import { FakeAri } from '../support/fake-ari';

/**
 * The consult leg's I/O for an attended relay (`agent-transfer-consult.ts`): the partner's line
 * is dialled instead of a phone, and rings as long as a partner's may in a blind relay.
 */
const call: LiveCall = {
  ...newCall({ callId: 'c1', node: 'n1', callerChannelId: 'ch-caller', callerNumber: '01012345678' }, new Date()),
  state: 'connected',
  agentId: '1001',
  agentChannelId: 'ch-agent',
  holdingBridgeId: 'c1-hold',
  mixingBridgeId: 'c1-mix',
};

function consults() {
  const ari = new FakeAri();
  const fed: CallEvent[] = [];
  const timers: { ms: number; fn: () => void }[] = [];
  const pushed: { agentId: string; event: string; payload: unknown }[] = [];
  const scheduler: Scheduler = {
    now: () => new Date(),
    setTimeout: (fn, ms) => (timers.push({ ms, fn }), { id: timers.length }),
    clearTimeout: () => undefined,
  };
  const unit = new Consults({
    node: 'n1',
    ari,
    state: {} as LiveState,
    bus: {
      toAgent: (agentId: string, event: string, payload: unknown) => pushed.push({ agentId, event, payload }),
    } as unknown as ConsoleBus,
    chains: {} as CallChains,
    stepper: { feed: async (_callId: string, event: CallEvent) => void fed.push(event) } as unknown as CallStepper,
    scheduler,
    ringTimeoutSeconds: 20,
    partnerRingTimeoutSeconds: 45,
  });
  return { ari, fed, timers, pushed, handlers: unit.handlers() };
}
const cx = (after: LiveCall, before: LiveCall = call) => ({ before, call: after, log: testLog });

describe('the consult leg of an attended relay', () => {
  it("dials the partner's line (not a phone) with the partner's ring time; a counselor's phone keeps its own", async () => {
    const { ari, handlers } = consults();
    await handlers.originateConsult(
      { type: 'originateConsult', agentId: 'partner:fta1380', channelId: 'leg-p', endpoint: 'Local/1380@partners' },
      cx(call),
    );
    await handlers.originateConsult({ type: 'originateConsult', agentId: '1002', channelId: 'leg-a' }, cx(call));
    expect(ari.originates.map((o) => [o.endpoint, o.appArgs, o.timeoutSeconds])).toEqual([
      ['Local/1380@partners', 'consult,c1', 45],
      ['PJSIP/1002', 'consult,c1', 20],
    ]);
  });

  it('a line that cannot be dialled comes back as a failed consult (the caller goes back to the counselor)', async () => {
    const { ari, fed, handlers } = consults();
    ari.failOriginateTo = 'PJSIP/1380';
    await handlers.originateConsult(
      { type: 'originateConsult', agentId: 'partner:fta1380', channelId: 'leg-p', endpoint: 'PJSIP/1380' },
      cx(call),
    );
    expect(fed).toEqual([{ type: 'consultLost', channelId: 'leg-p', reason: 'failed' }]);
  });

  it("the ring timer runs the partner's time and then reports no answer", async () => {
    const { fed, timers, handlers } = consults();
    await handlers.startConsultTimer({ type: 'startConsultTimer', channelId: 'leg-p', partner: true }, cx(call));
    await handlers.startConsultTimer({ type: 'startConsultTimer', channelId: 'leg-a' }, cx(call));
    expect(timers.map((t) => t.ms)).toEqual([45_000, 20_000]);
    timers[0]!.fn();
    expect(fed).toEqual([{ type: 'consultLost', channelId: 'leg-p', reason: 'noAnswer' }]);
  });

  it("the counselor's console gets the partner while it is up, and why it ended once it is over", async () => {
    const { pushed, handlers } = consults();
    const up: LiveCall = {
      ...call,
      consult: {
        agentId: 'partner:fta1380',
        channelId: 'leg-p',
        phase: 'ringing',
        with: 'target',
        fromName: '김상담',
        context: { notes: '', category: null, draft: null },
        startedAt: new Date().toISOString(),
        partner: { partner: 'fta1380', endpoint: 'PJSIP/1380', relayId: '7' },
      },
    };
    await handlers.notifyConsult({ type: 'notifyConsult', agentId: '1001' }, cx(up));
    await handlers.notifyConsult(
      { type: 'notifyConsult', agentId: '1001', ended: { reason: 'noAnswer', partner: 'fta1380' } },
      cx({ ...call, consult: null }, up),
    );
    expect(pushed).toEqual([
      {
        agentId: '1001',
        event: 'call.consult.v1',
        payload: {
          callId: 'c1',
          consult: { agentId: 'partner:fta1380', phase: 'ringing', with: 'target', partner: 'fta1380' },
        },
      },
      {
        agentId: '1001',
        event: 'call.consult.v1',
        payload: { callId: 'c1', consult: null, ended: { reason: 'noAnswer', partner: 'fta1380' } },
      },
    ]);
  });

  it("complete: the caller and the partner in a new bridge (the counselor's stays for its own end)", async () => {
    const { ari, handlers } = consults();
    ari.bridges.set('c1-hold', ['ch-caller']);
    ari.bridges.set('c1-mix', ['ch-agent']);
    ari.bridges.set('c1-consult', ['ch-agent-x', 'leg-p']);
    const before: LiveCall = {
      ...call,
      consult: {
        agentId: 'partner:fta1380',
        channelId: 'leg-p',
        phase: 'talking',
        with: 'target',
        fromName: '김상담',
        context: { notes: '', category: null, draft: null },
        startedAt: new Date().toISOString(),
        partner: { partner: 'fta1380', endpoint: 'PJSIP/1380', relayId: '7' },
      },
    };
    const after: LiveCall = {
      ...call,
      state: 'transferred',
      agentId: null,
      agentChannelId: null,
      consult: null,
      partnerChannelId: 'leg-p',
      mixingBridgeId: 'c1-mix-2',
      segments: 1,
    };
    await handlers.consultMedia({ type: 'consultMedia', step: 'complete' }, cx(after, before));
    expect(ari.bridges.get('c1-mix-2')?.sort()).toEqual(['ch-caller', 'leg-p']);
    expect(ari.bridges.has('c1-consult')).toBe(false);
    expect(ari.bridges.get('c1-mix')).toEqual(['ch-agent']);
  });
});
