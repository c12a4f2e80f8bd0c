import { Redis } from 'ioredis';
import type { CrmClient } from '../../src/adapters/crm/client';
import { createIvrFlowsEngine } from '../../src/adapters/ivr-flows';
import type { RawAriEvent } from '../../src/adapters/ari/port';
import { buildNode } from '../../src/app/build-node';
import { capturedLog } from '../support/captured-log';
import { FakeAri } from '../support/fake-ari';
import { ManualScheduler } from '../support/manual-scheduler';
import { TEST_REDIS_URL, testRedis } from '../support/redis';
import { KNOWN_POP, until } from '../support/service-harness';

/**
 * One telephony node for the ARI fuzz, built as the wiring builds it (as `buildCallCenter` does:
 * fake ARI requests and CRM, real Redis, real IVR flows, virtual clock) but with a logger the
 * test reads, so it can check that what was rejected was logged.
 */
export async function fuzzNode() {
  const env = testRedis();
  const sub = new Redis(TEST_REDIS_URL);
  const scheduler = new ManualScheduler();
  const ari = new FakeAri();
  const log = capturedLog('warn');
  const crm = {
    callerPop: async (number: string | null) => ({ ...KNOWN_POP, number }),
    todayStats: async () => null,
    postCallEvents: async () => undefined,
    ivrSms: async () => ({ result: 'ok', id: '1' }),
  } as unknown as CrmClient;
  const ivr = await createIvrFlowsEngine({ dir: null, log: log.logger, alwaysOpen: true });
  const { state, outbox, bus, agents, calls } = buildNode({
    node: 'node-a',
    redis: env.redis,
    sub,
    prefix: env.prefix,
    ari,
    crm,
    phone: { answer: async () => undefined },
    ivr,
    scheduler,
    log: log.logger,
    settings: {
      ringTimeoutSeconds: 15,
      wrapUpSeconds: 10,
      partnerDialTemplate: 'PJSIP/{number}',
      partnerRingTimeoutSeconds: 30,
    },
  });
  ari.listener = (e) => calls.onAriEvent(e);
  bus.onMessage((m) => {
    if (m.kind === 'dispatch') void calls.dispatcher.dispatch();
  });
  await bus.start();

  return {
    ari,
    state,
    until,
    /** Hands one event to the router the way the ARI adapter does. */
    feed: (raw: RawAriEvent) => calls.onAriEvent(raw),
    /** How many events the router has logged as malformed so far. */
    malformed: () => log.lines.filter((l) => l.msg === 'malformed ARI event ignored').length,
    errors: () => log.errors(),
    async close() {
      await calls.close();
      agents.close();
      outbox.close();
      sub.disconnect();
      await env.cleanup();
    },
  };
}

export type FuzzNode = Awaited<ReturnType<typeof fuzzNode>>;
