import type { CallEventV1, CallerPop } from '@cc1357/contracts';
import { Redis } from 'ioredis';
import { ConsoleBus, type BusMessage } from '../../src/adapters/console/bus';
import type { CrmClient } from '../../src/adapters/crm/client';
import { CallEventOutbox } from '../../src/adapters/crm/outbox';
import { createIvrFlowsEngine } from '../../src/adapters/ivr-flows';
import { LiveState } from '../../src/adapters/redis/live-state';
import { AgentService } from '../../src/app/agent-service';
import { CallService } from '../../src/app/call-service';
import { FakeAri } from './fake-ari';
import { testLog } from './log';
import { ManualScheduler } from './manual-scheduler';
import { TEST_REDIS_URL, testRedis } from './redis';

export const KNOWN_POP: CallerPop = { status: 'new', number: '01012345678', companies: [], contact: null, recentConsultations: [] };

/** `{ sut, mocks }` for the call service: fake ARI and CRM, real Redis, real IVR flows, virtual clock. */
export async function buildCallCenter(options: { ringTimeoutSeconds?: number; wrapUpSeconds?: number; smsResult?: 'ok' | 'optedOut' | 'notMobile' | 'failed' } = {}) {
  const env = testRedis();
  const sub = new Redis(TEST_REDIS_URL);
  const scheduler = new ManualScheduler();
  const ari = new FakeAri();
  const state = new LiveState(env.redis, env.prefix);
  const delivered: CallEventV1[] = [];
  /** SMS self-service requests crm-api got, each answered when the test resolves it. */
  const smsRequests: { req: unknown; answer: () => void }[] = [];
  const messages: BusMessage[] = [];
  const crm = {
    callerPop: async (number: string | null) => ({ ...KNOWN_POP, number }),
    todayStats: async () => null,
    postCallEvents: async (events: CallEventV1[]) => void delivered.push(...events),
    ivrSms: (req: unknown) =>
      new Promise((resolve) => smsRequests.push({ req, answer: () => resolve({ result: options.smsResult ?? 'ok', id: '1' }) })),
  } as unknown as CrmClient;
  const outbox = new CallEventOutbox({ state, send: (e) => crm.postCallEvents(e), log: testLog, scheduler, owner: 'test' });
  const bus = new ConsoleBus(env.redis, sub, env.prefix, testLog);
  const agents = new AgentService({ state, bus, outbox, scheduler, log: testLog });
  const ivr = await createIvrFlowsEngine({ dir: null, log: testLog, alwaysOpen: true });
  const phoneAnswers: string[] = [];
  const calls = new CallService({
    node: 'node-a',
    ari,
    state,
    agents,
    outbox,
    crm,
    bus,
    phone: { answer: async (agentId) => void phoneAnswers.push(agentId) },
    ivr,
    scheduler,
    log: testLog,
    ringTimeoutSeconds: options.ringTimeoutSeconds ?? 15,
    wrapUpSeconds: options.wrapUpSeconds ?? 10,
    partnerDialTemplate: 'PJSIP/{number}',
    partnerRingTimeoutSeconds: 30,
  });
  ari.listener = (e) => calls.onAriEvent(e);
  bus.onMessage((m) => {
    messages.push(m);
    if (m.kind === 'dispatch') void calls.dispatch();
  });
  await bus.start();

  return {
    sut: calls,
    mocks: { ari, state, agents, scheduler, delivered, messages, phoneAnswers, outbox, smsRequests },
    /** What agent `id`'s console was sent, as `event` names. */
    consoleOf: (id: string) => messages.filter((m): m is Extract<BusMessage, { kind: 'emit' }> => m.kind === 'emit' && m.room === `agent:${id}`),
    async close() {
      await calls.close();
      agents.close();
      outbox.close();
      sub.disconnect();
      await env.cleanup();
    },
  };
}

export async function until<T>(probe: () => T | Promise<T>, what: string, tries = 300): Promise<NonNullable<T>> {
  for (let i = 0; i < tries; i++) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}
