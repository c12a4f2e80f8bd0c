import { NOT_READY_REASONS, type AgentState, type AgentStateChangeV1 } from '@cc1357/contracts';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../src/db/pool';
import { periodOf } from '../src/domain/kpiBuckets';
import { staffingOf } from '../src/domain/staffedTime';
import {
  agentStaffingBetween,
  agentStaffingFactsBetween,
  agentStateFactsBetween,
  insertAgentStateChanges,
} from '../src/repositories/agentStateChanges';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { seeded } from './support/queueEvents';

/**
 * Issue 17: the per-agent report reads only the state changes where staffed time can start or
 * stop (agentStaffingFactsBetween), not every ring and answer. Over random histories whose every
 * change starts where the one before ended — logins, Not ready with any reason (a lost console's
 * `disconnected` too), calls, log-outs, histories that begin mid-stream or before the period —
 * staffingOf gives the same stretches and known-from times as over every change, and so does
 * agentStaffingBetween, the same walk in SQL.
 */
describe('agent staffing facts over real PostgreSQL', () => {
  let database: TestDatabase;
  let db: pg.Pool;
  const now = new Date('2025-03-20T00:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPool(database.url, 2);
    const rnd = seeded(17);
    const changes: AgentStateChangeV1[] = [];
    const busy = ['ready', 'reserved', 'ringing', 'onCall', 'wrapUp'] as const;
    for (let a = 0; a < 40; a++) {
      const agentId = `${3000 + a}`;
      // Some histories begin mid-stream (recording switched on while the agent worked).
      let state: AgentState = rnd() < 0.2 ? 'ready' : 'offline';
      let t = Date.parse('2025-03-09T00:00:00+09:00') + Math.floor(rnd() * 5 * 86_400_000);
      for (let n = 0; n < 80; n++) {
        t += Math.floor(rnd() * 3 * 3_600_000);
        const r = rnd();
        const to: AgentState =
          state === 'offline'
            ? r < 0.5
              ? 'notReady'
              : 'ready'
            : r < 0.08
              ? 'offline'
              : r < 0.25
                ? 'notReady'
                : busy[Math.floor(rnd() * busy.length)]!;
        if (to === state && to !== 'notReady') continue;
        const reason = to === 'notReady' ? (rnd() < 0.3 ? 'disconnected' : NOT_READY_REASONS[n % 6]!) : null;
        changes.push({
          id: `${agentId}-${String(n).padStart(3, '0')}`,
          agentId,
          from: state,
          to,
          reason,
          callId: null,
          at: new Date(t).toISOString(),
        });
        state = to;
      }
    }
    await insertAgentStateChanges(db, changes);
  });
  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  it.each([
    ['2025-03-10', '2025-03-10'],
    ['2025-03-11', '2025-03-13'],
    ['2025-03-01', '2025-03-31'],
    ['2025-03-14', '2025-03-25'],
  ])('%s … %s: the same staffed stretches as over every change', async (from, to) => {
    const period = periodOf(from, to);
    const all = await agentStateFactsBetween(db, period.start, period.end);
    const few = await agentStaffingFactsBetween(db, period.start, period.end);
    const want = staffingOf(all, period, now);
    expect(staffingOf(few, period, now)).toEqual(want);
    expect(await agentStaffingBetween(db, period.start, period.end, now)).toEqual(want);
    expect(want.size).toBeGreaterThan(5);
    // Histories that begin mid-stream are known only from their first change.
    if (from === '2025-03-01') expect([...want.values()].some((a) => a.knownFrom > period.start)).toBe(true);
    if (from !== to) expect(few.length).toBeLessThan(all.length);
    // A report asked for while the period runs: staffed time stops at now.
    const midway = new Date((period.start.getTime() + period.end.getTime()) / 2 + 1234);
    expect(await agentStaffingBetween(db, period.start, period.end, midway)).toEqual(staffingOf(all, period, midway));
  });
});
