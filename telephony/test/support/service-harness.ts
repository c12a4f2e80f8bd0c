import type { CallEventV1, CallerPop } from '@cc1357/contracts';
import { Redis } from 'ioredis';
import type { BusMessage } from '../../src/adapters/console/bus';
import type { CrmClient } from '../../src/adapters/crm/client';
import { createIvrFlowsEngine } from '../../src/adapters/ivr-flows';
import { buildNode } from '../../src/app/build-node';
import type { CallsDeps } from '../../src/app/calls/build-calls';
import { FakeAri } from './fake-ari';
import { testLog } from './log';
import { ManualScheduler } from './manual-scheduler';
import { TEST_REDIS_URL, testRedis } from './redis';

export const KNOWN_POP: CallerPop = {
  status: 'new',
  number: '01012345678',
  companies: [],
  contact: null,
  recentConsultations: [],
};

/** `{ sut, mocks }` for the calls of one node, built as the wiring builds them: fake ARI and CRM, real Redis, real IVR flows, virtual clock. */
export async function buildCallCenter(
  options: {
    ringTimeoutSeconds?: number;
    wrapUpSeconds?: number;
    smsResult?: 'ok' | 'optedOut' | 'notMobile' | 'failed';
    /** crm-api's caller look-up (default: answers at once with a known caller). */
    callerPop?: (number: string | null) => Promise<CallerPop>;
    /** The node's door (default: none, always open). */
    door?: CallsDeps['door'];
  } = {},
) {
  const env = testRedis();
  const sub = new Redis(TEST_REDIS_URL);
  const scheduler = new ManualScheduler();
  const ari = new FakeAri();
  const delivered: CallEventV1[] = [];
  /** SMS self-service requests crm-api got, each answered when the test resolves it. */
  const smsRequests: { req: unknown; answer: () => void }[] = [];
  const messages: BusMessage[] = [];
  const crm = {
    callerPop: options.callerPop ?? (async (number: string | null) => ({ ...KNOWN_POP, number })),
    todayStats: async () => null,
    postCallEvents: async (events: CallEventV1[]) => void delivered.push(...events),
    ivrSms: (req: unknown) =>
      new Promise((resolve) =>
        smsRequests.push({ req, answer: () => resolve({ result: options.smsResult ?? 'ok', id: '1' }) }),
      ),
  } as unknown as CrmClient;
  const ivr = await createIvrFlowsEngine({ dir: null, log: testLog, alwaysOpen: true });
  const phoneAnswers: string[] = [];
  const { state, outbox, bus, agents, calls } = buildNode({
    node: 'node-a',
    redis: env.redis,
    sub,
    prefix: env.prefix,
    ari,
    crm,
    phone: { answer: async (agentId) => void phoneAnswers.push(agentId) },
    ivr,
    scheduler,
    log: testLog,
    settings: {
      ringTimeoutSeconds: options.ringTimeoutSeconds ?? 15,
      wrapUpSeconds: options.wrapUpSeconds ?? 10,
      partnerDialTemplate: 'PJSIP/{number}',
      partnerRingTimeoutSeconds: 30,
      ...(options.door ? { door: options.door } : {}),
    },
  });
  ari.listener = (e) => calls.onAriEvent(e);
  bus.onMessage((m) => {
    messages.push(m);
    if (m.kind === 'dispatch') void calls.dispatcher.dispatch();
  });
  await bus.start();

  return {
    sut: calls,
    mocks: { ari, state, agents, scheduler, delivered, messages, phoneAnswers, outbox, smsRequests },
    /** What agent `id`'s console was sent, as `event` names. */
    consoleOf: (id: string) =>
      messages.filter((m): m is Extract<BusMessage, { kind: 'emit' }> => m.kind === 'emit' && m.room === `agent:${id}`),
    async close() {
      await calls.close();
      agents.close();
      outbox.close();
      sub.disconnect();
      await env.cleanup();
    },
  };
}

/**
 * Bounded polling for a condition the service reaches by itself (its Redis round trips, its event
 * chain). The bound is a safety net for a hung test, generous enough for a loaded CI machine; what a
 * test waits for must be an event that has happened, never time that has passed.
 */
export async function until<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
