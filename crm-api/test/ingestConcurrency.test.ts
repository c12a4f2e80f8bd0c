import type { CallEventV1 } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, count, startTestCrm, tokenFor, type TestCrm } from './support/server';

/** Two telephony processes (or a retry racing the original) sending overlapping batches at once. */
describe('concurrent call-event batches', () => {
  let crm: TestCrm;
  beforeAll(async () => {
    crm = await startTestCrm();
  });
  afterAll(() => crm.close());

  it('store every event once and leave each call record complete', async () => {
    const t = (s: number) => new Date(Date.parse('2025-03-14T01:00:00Z') + s * 1000).toISOString();
    const events: CallEventV1[] = [];
    for (let c = 0; c < 20; c++) {
      const callId = `call-${c}`;
      events.push(
        { id: `${callId}-a`, callId, type: 'call.arrived', at: t(c), callerNumber: '0212345678', data: {} },
        { id: `${callId}-q`, callId, type: 'queue.entered', at: t(c + 5), queue: 'hr', data: {} },
        { id: `${callId}-c`, callId, type: 'call.connected', at: t(c + 9), queue: 'hr', agentId: '1006', data: {} },
        { id: `${callId}-e`, callId, type: 'call.ended', at: t(c + 99), data: {} },
      );
    }
    // Batch A: the first 60 events; batch B: the last 60, reversed. 40 overlap.
    const a = events.slice(0, 60);
    const b = events.slice(20).reverse();
    const token = await tokenFor('service');
    const results = await Promise.all(
      [a, b, a, b].map((batch) => call(crm, 'POST', '/api/internal/call-events', { token, body: { events: batch } })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const stored = results.reduce((s, r) => s + r.body.stored, 0);
    const duplicates = results.reduce((s, r) => s + r.body.duplicates, 0);
    expect(stored).toBe(80);
    expect(duplicates).toBe(240 - 80);
    expect(await count(crm.db, 'call_events')).toBe(80);
    expect(
      await count(crm.db, 'call_records', `outcome = 'answered' AND agent_id = '1006' AND ended_at IS NOT NULL`),
    ).toBe(20);
  });
});
