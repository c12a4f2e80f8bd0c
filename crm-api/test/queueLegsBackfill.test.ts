import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallEventV1 } from '@cc1357/contracts';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS_DIR, readMigrations } from '../src/db/migrate';
import { createPool } from '../src/db/pool';
import { queueLegsOf } from '../src/domain/kpi';
import { eventsOfCalls, insertCallEvents } from '../src/repositories/callEvents';
import { queueFactsOf } from '../src/services/callEvents';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { legRows, randomQueueEvents, storedLegRows } from './support/queueEvents';

/** 025_queue_legs backfills the legs of the events stored before it, as the ingest would derive them. */
describe('migration 025: queue legs backfilled from call_events', () => {
  let database: TestDatabase;
  let db: pg.Pool;
  let before: string;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    db = createPool(database.url, 2);
    // The schema as it was before queue_legs: every migration up to 024.
    before = await mkdtemp(join(tmpdir(), 'crm-migrations-'));
    for (const m of await readMigrations()) {
      if (m.version < '025') await cp(join(MIGRATIONS_DIR, m.name), join(before, m.name));
    }
    await migrate(database.url, before);
  });
  afterAll(async () => {
    await db.end();
    await database.drop();
    await rm(before, { recursive: true, force: true });
  });

  it('gives the rows queueLegsOf derives from the same events', async () => {
    const at = (s: number) => new Date(Date.parse('2025-03-14T00:00:00Z') + s * 1000).toISOString();
    const e = (id: string, callId: string, type: CallEventV1['type'], s: number, queue?: CallEventV1['queue']) =>
      ({ id, callId, type, at: at(s), ...(queue ? { queue } : {}), data: {} }) as CallEventV1;
    const corners: CallEventV1[] = [
      // Equal timestamps: the event id decides (entered, then connected).
      e('t1-a', 't1', 'queue.entered', 10, 'fund'),
      e('t1-b', 't1', 'call.connected', 10),
      // Equal timestamps, connect first by id: no leg had been entered yet, so no outcome.
      e('t2-b', 't2', 'queue.entered', 10, 'fund'),
      e('t2-a', 't2', 'call.connected', 10),
      // An outcome naming a queue the call never entered; then a second outcome.
      e('t3-1', 't3', 'queue.entered', 0, 'hr'),
      e('t3-2', 't3', 'call.abandoned', 5, 'rnd'),
      e('t3-3', 't3', 'call.connected', 9),
      e('t3-4', 't3', 'call.abandoned', 12),
      // Re-entry: the first entry stays; the outcome goes to the queue entered last.
      e('t4-1', 't4', 'queue.entered', 0, 'fund'),
      e('t4-2', 't4', 'queue.entered', 30, 'general'),
      e('t4-3', 't4', 'queue.entered', 60, 'fund'),
      e('t4-4', 't4', 'call.connected', 70),
      // An outcome before any entry.
      e('t5-1', 't5', 'call.abandoned', 0),
      e('t5-2', 't5', 'queue.entered', 3, 'export'),
    ];
    const events = [...corners, ...randomQueueEvents(25, 400, new Date('2025-03-13T00:00:00Z'))];
    await insertCallEvents(db, events);
    // Sub-millisecond times (another writer): the ingest reads them as JavaScript dates.
    await db.query(`INSERT INTO call_events (id, call_id, type, at, queue) VALUES
      ('u1-1', 'u1', 'queue.entered', '2025-03-14 01:00:00.1234+00', 'merchant'),
      ('u1-2', 'u1', 'call.connected', '2025-03-14 01:00:07.9999+00', NULL)`);

    // 025 alone (later migrations are not this test's business).
    await cp(join(MIGRATIONS_DIR, '025_queue_legs.sql'), join(before, '025_queue_legs.sql'));
    expect((await migrate(database.url, before)).applied).toEqual(['025_queue_legs.sql']);

    const callIds = [...new Set([...events.map((x) => x.callId), 'u1'])];
    const expected = legRows(queueLegsOf(queueFactsOf(await eventsOfCalls(db, callIds))));
    expect(expected.length).toBeGreaterThan(300);
    const stored = await storedLegRows(db);
    expect(stored).toEqual(expected);
    expect(stored.filter((r) => r.startsWith('t'))).toEqual([
      't1 fund 2025-03-14T00:00:10.000Z c=2025-03-14T00:00:10.000Z a=-',
      't2 fund 2025-03-14T00:00:10.000Z c=- a=-',
      't3 hr 2025-03-14T00:00:00.000Z c=2025-03-14T00:00:09.000Z a=-',
      't4 fund 2025-03-14T00:00:00.000Z c=2025-03-14T00:01:10.000Z a=-',
      't4 general 2025-03-14T00:00:30.000Z c=- a=-',
      't5 export 2025-03-14T00:00:03.000Z c=- a=-',
    ]);
    expect(stored.filter((r) => r.startsWith('u1'))).toEqual([
      'u1 merchant 2025-03-14T01:00:00.123Z c=2025-03-14T01:00:07.999Z a=-',
    ]);
  });
});
