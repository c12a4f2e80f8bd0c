import { generateTokenKeyPair } from '@cc1357/contracts';
import { startCrmApi, type CrmApiHandle } from '@cc1357/crm-api';
import { createTestDatabase, type TestDatabase } from '@cc1357/crm-api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrmClient } from '../../src/adapters/crm/client';
import { testLog } from '../support/log';
import { deadUrl } from '../support/dead-url';

describe("telephony's crm-api client against the real crm-api", () => {
  let database: TestDatabase;
  let crm: CrmApiHandle;
  let client: CrmClient;
  let down: CrmClient;

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
    down = new CrmClient({
      baseUrl: await deadUrl(),
      authSecret: keys.telephony.privateKey,
      log: testLog,
      timeoutMs: 1_000,
    });
  });
  afterAll(async () => {
    await crm?.close();
    await database?.drop();
  });

  it('a number the CRM does not know is a new caller; a withheld one is withheld', async () => {
    expect(await client.callerPop('0299990000', 'call-1')).toMatchObject({ status: 'new', number: '0299990000' });
    expect(await client.callerPop(null)).toMatchObject({ status: 'withheld', number: null });
  });

  it('a pop crm-api could not give is "unavailable" — never a new caller', async () => {
    expect(await down.callerPop('0299990000', 'call-2')).toEqual({
      status: 'unavailable',
      number: '0299990000',
      companies: [],
      contact: null,
      recentConsultations: [],
    });
  });

  it('reads degrade (no stats), writes the outbox retries throw, bookings say failed', async () => {
    expect(await client.todayStats()).toMatchObject({ date: expect.any(String), queues: expect.any(Array) });
    expect(await down.todayStats()).toBeNull();
    await expect(
      down.postCallEvents([{ id: 'e1', callId: 'c1', type: 'call.arrived', at: new Date().toISOString(), data: {} }]),
    ).rejects.toThrow(/crm-api refused call events: no answer UNAVAILABLE/);
    await expect(down.revokedSessions([{ sub: '1', ver: 0 }])).rejects.toThrow(/session check/);
    expect(
      await down.createCallback({ number: '01012345678', queue: 'fund', dueAt: new Date().toISOString() }),
    ).toEqual({ result: 'failed' });
    expect(await down.createRelay({ idempotencyKey: 'relay-key-1', partnerId: 'nts', question: '세금 문의' })).toBe(
      false,
    );
  });

  it('a second callback for the same number is a duplicate, not a failure', async () => {
    const dueAt = new Date(Date.now() + 3_600_000).toISOString();
    const first = await client.createCallback({ number: '01055556666', queue: 'fund', dueAt });
    expect(first).toMatchObject({ result: 'ok', id: expect.stringMatching(/^\d+$/) });
    expect(await client.createCallback({ number: '01055556666', queue: 'fund', dueAt })).toEqual({
      result: 'duplicate',
      status: 409,
    });
    expect(await client.revokedSessions([])).toEqual([]);
  });
});
