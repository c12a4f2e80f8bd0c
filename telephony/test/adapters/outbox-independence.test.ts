import { generateTokenKeyPair, type AgentStateChangeV1 } from '@cc1357/contracts';
import { startCrmApi, type CrmApiHandle } from '@cc1357/crm-api';
import { createTestDatabase, type TestDatabase } from '@cc1357/crm-api/testing';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AgentStateOutbox } from '../../src/adapters/crm/agent-state-outbox';
import { CrmClient } from '../../src/adapters/crm/client';
import { CallEventOutbox } from '../../src/adapters/crm/outbox';
import { LiveState } from '../../src/adapters/redis/live-state';
import { systemScheduler } from '../../src/clock/scheduler';
import { testLog } from '../support/log';
import { testRedis } from '../support/redis';
import { deadUrl } from '../support/dead-url';

const until = async <T>(probe: () => Promise<T | undefined>, what: string, tries = 3000): Promise<T> => {
  for (let i = 0; i < tries; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** A port nothing listens on: taken, then released. */
/**
 * The two outboxes against the real crm-api, as a node runs them (real timers, one Redis): a
 * batch of agent state changes crm-api refuses (400) lands in the dead list once, and the call
 * events recorded meanwhile reach crm-api all the same — what the earlier design (one outbox, two
 * lists, one flush loop) got wrong. Valid changes recorded afterwards are stored.
 */
describe('call events and agent state changes reach the real crm-api independently', () => {
  let database: TestDatabase;
  let crm: CrmApiHandle;
  let client: CrmClient;
  /** The same crm-api client, pointed where nothing answers. */
  let away: CrmClient;
  let db: pg.Pool;
  let env: ReturnType<typeof testRedis>;
  let calls: CallEventOutbox;
  let agentStates: AgentStateOutbox;

  beforeAll(async () => {
    const keys = { crm: await generateTokenKeyPair(), telephony: await generateTokenKeyPair() };
    database = await createTestDatabase();
    crm = await startCrmApi({
      databaseUrl: database.url,
      authSecret: keys.crm.privateKey,
      servicePublicKey: keys.telephony.publicKey,
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
    });
    client = new CrmClient({ baseUrl: crm.url, authSecret: keys.telephony.privateKey, log: testLog });
    away = new CrmClient({
      baseUrl: await deadUrl(),
      authSecret: keys.telephony.privateKey,
      log: testLog,
      timeoutMs: 1_000,
    });
    db = new pg.Pool({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    await db?.end();
    await crm?.close();
    await database?.drop();
  });

  /** This node's two outboxes; `statesTo` is where agent state changes go. */
  function start(statesTo: CrmClient): void {
    const common = { state: new LiveState(env.redis, env.prefix), log: testLog, scheduler: systemScheduler };
    calls = new CallEventOutbox({ ...common, owner: 'node-a', send: (events) => client.postCallEvents(events) });
    agentStates = new AgentStateOutbox({
      ...common,
      owner: 'node-a',
      send: (changes) => statesTo.postAgentStateChanges(changes),
    });
  }
  beforeEach(() => {
    env = testRedis();
  });
  afterEach(async () => {
    calls.close();
    agentStates.close();
    await env.cleanup();
  });

  const eventsStored = (callId: string, count: number) =>
    until(async () => {
      const { rows } = await db.query<{ id: string }>('SELECT id FROM call_events WHERE call_id = $1', [callId]);
      return rows.length === count ? rows : undefined;
    }, 'the call events stored in crm-api');

  const change = (agentId: string, at: string): Omit<AgentStateChangeV1, 'id'> => ({
    agentId,
    from: 'offline',
    to: 'notReady',
    reason: null,
    callId: null,
    at,
  });

  it('a refused batch goes to the dead list once; call events recorded meanwhile are stored; later changes too', async () => {
    start(client);
    // Not an instant: crm-api answers 400.
    const bad = await agentStates.record(change('1001', 'yesterday at noon'));
    const callId = `call-${env.prefix}`;
    const events = [];
    for (const [i, type] of (['call.arrived', 'call.answered', 'call.ended'] as const).entries())
      events.push(await calls.record({ callId, type, at: new Date(Date.UTC(2026, 11, 2, 1, 0, i)).toISOString() }));

    const stored = await eventsStored(callId, events.length);
    expect(stored.map((r) => r.id).sort()).toEqual(events.map((e) => e.id).sort());

    const dead = await until(async () => {
      const lines = await env.redis.lrange(agentStates.deadKey, 0, -1);
      return lines.length > 0 ? lines : undefined;
    }, 'the refused change in the dead list');
    expect(dead.map((l) => (JSON.parse(l) as AgentStateChangeV1).id)).toEqual([bad.id]);
    expect(await agentStates.pending()).toBe(0);

    const good = await agentStates.record(change('1001', new Date(Date.UTC(2026, 11, 2, 1, 0, 5)).toISOString()));
    await until(async () => {
      const { rows } = await db.query('SELECT id FROM agent_state_changes WHERE id = $1', [good.id]);
      return rows.length === 1 ? true : undefined;
    }, 'the valid change stored in crm-api');
    // The refused one was buried once and never sent again.
    expect(await agentStates.dead()).toBe(1);
    const { rows } = await db.query('SELECT id FROM agent_state_changes WHERE id = $1', [bad.id]);
    expect(rows).toEqual([]);
  });

  it('while agent state changes get no answer (backing off), call events recorded meanwhile are stored', async () => {
    start(away);
    let tries = 0;
    const counted = away.postAgentStateChanges.bind(away);
    away.postAgentStateChanges = (changes) => {
      tries += 1;
      return counted(changes);
    };
    await agentStates.record(change('1002', new Date(Date.UTC(2026, 11, 2, 2, 0, 0)).toISOString()));
    await until(async () => (tries > 0 ? true : undefined), 'a first try of the agent states');
    const callId = `call-away-${env.prefix}`;
    const events = [];
    for (const [i, type] of (['call.arrived', 'call.answered', 'call.ended'] as const).entries()) {
      events.push(await calls.record({ callId, type, at: new Date(Date.UTC(2026, 11, 2, 2, 0, i)).toISOString() }));
      await agentStates.record(change('1002', new Date(Date.UTC(2026, 11, 2, 2, 0, i + 1)).toISOString()));
    }
    const stored = await eventsStored(callId, events.length);
    expect(stored.map((r) => r.id).sort()).toEqual(events.map((e) => e.id).sort());
    // Not taken, not refused: still waiting for crm-api, nothing in the dead list.
    expect(await agentStates.pending()).toBe(4);
    expect(await agentStates.dead()).toBe(0);
  });
});
