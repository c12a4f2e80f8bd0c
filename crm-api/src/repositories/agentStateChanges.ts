import type { AgentStateChangeV1 } from '@cc1357/contracts';
import type { Queryable } from '../db/pool';
import type { AgentStateFact } from '../domain/staffedTime';

/** Inserts the batch in one statement; returns the ids that were new (re-sent ones are skipped). */
export async function insertAgentStateChanges(
  db: Queryable,
  changes: readonly AgentStateChangeV1[],
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO agent_state_changes (id, agent_id, from_state, state, reason, call_id, at)
     SELECT x.id, x.agent_id, x.from_state, x.state, x.reason, x.call_id, x.at
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, agent_id text, from_state text, state text, reason text,
                                              call_id text, at timestamptz)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [
      JSON.stringify(
        // In id order: two overlapping batches lock rows in the same order, no deadlock.
        [...changes]
          .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .map((c) => ({
            id: c.id,
            agent_id: c.agentId,
            from_state: c.from,
            state: c.to,
            reason: c.reason,
            call_id: c.callId,
            at: c.at,
          })),
      ),
    ],
  );
  return rows.map((r) => r.id);
}

/**
 * The state changes in [start, end) and each agent's last change before `start` (its state when
 * the period began). The agents are walked on the (agent_id, at) index one probe each (a
 * recursive skip scan), so the history before the period is never scanned.
 */
export async function agentStateFactsBetween(db: Queryable, start: Date, end: Date): Promise<AgentStateFact[]> {
  const { rows } = await db.query<AgentStateFact>(
    `WITH RECURSIVE agents AS (
       (SELECT agent_id FROM agent_state_changes ORDER BY agent_id LIMIT 1)
       UNION ALL
       SELECT (SELECT s.agent_id FROM agent_state_changes s WHERE s.agent_id > a.agent_id ORDER BY s.agent_id LIMIT 1)
         FROM agents a WHERE a.agent_id IS NOT NULL
     )
     SELECT b.* FROM agents a
      CROSS JOIN LATERAL (
        SELECT s.id, s.agent_id AS "agentId", s.from_state AS "from", s.state AS "to", s.reason,
               s.call_id AS "callId", s.at
          FROM agent_state_changes s
         WHERE s.agent_id = a.agent_id AND s.at < $1
         ORDER BY s.at DESC, s.id DESC LIMIT 1) b
      WHERE a.agent_id IS NOT NULL
     UNION ALL
     SELECT id, agent_id, from_state, state, reason, call_id, at
       FROM agent_state_changes WHERE at >= $1 AND at < $2`,
    [start, end],
  );
  return rows;
}

/**
 * What `staffingOf` needs of [start, end), without the moves between two staffed states (ready,
 * reserved, ringing, on a call, wrap-up — a handful per call, millions a month): each agent's
 * last change before `start` and first change in the period (one probe each on the
 * (agent_id, at) index), and the period's changes to or from offline or Not ready (the partial
 * index of migration 028). Staffed time only starts or stops at those, so over a history whose
 * every change starts where the one before ended (telephony's machine records each move it
 * commits) `staffingOf` gives what it gives over every change (test/agentStaffingFacts.test.ts).
 * A history with a lost change could differ where the lost change was.
 */
export async function agentStaffingFactsBetween(db: Queryable, start: Date, end: Date): Promise<AgentStateFact[]> {
  // Times as epoch milliseconds (extract is exact numeric: truncated as node-pg truncates) and no
  // call id: a month is tens of thousands of rows, and parsing timestamptz text was most of their cost.
  const { rows } = await db.query<Omit<AgentStateFact, 'at' | 'callId'> & { at: number }>(
    `WITH RECURSIVE agents AS (
       (SELECT agent_id FROM agent_state_changes ORDER BY agent_id LIMIT 1)
       UNION ALL
       SELECT (SELECT s.agent_id FROM agent_state_changes s WHERE s.agent_id > a.agent_id ORDER BY s.agent_id LIMIT 1)
         FROM agents a WHERE a.agent_id IS NOT NULL
     )
     SELECT b.* FROM agents a
      CROSS JOIN LATERAL (
        (SELECT s.id, s.agent_id AS "agentId", s.from_state AS "from", s.state AS "to", s.reason,
                floor(extract(epoch FROM s.at) * 1000)::float8 AS at
           FROM agent_state_changes s
          WHERE s.agent_id = a.agent_id AND s.at < $1
          ORDER BY s.at DESC, s.id DESC LIMIT 1)
        UNION ALL
        (SELECT s.id, s.agent_id, s.from_state, s.state, s.reason, floor(extract(epoch FROM s.at) * 1000)::float8
           FROM agent_state_changes s
          WHERE s.agent_id = a.agent_id AND s.at >= $1 AND s.at < $2
          ORDER BY s.at, s.id LIMIT 1)) b
      WHERE a.agent_id IS NOT NULL
     UNION
     SELECT id, agent_id, from_state, state, reason, floor(extract(epoch FROM at) * 1000)::float8
       FROM agent_state_changes
      WHERE at >= $1 AND at < $2
        AND (state IN ('offline', 'notReady') OR from_state IN ('offline', 'notReady'))`,
    [start, end],
  );
  return rows.map((r) => ({ ...r, callId: null, at: new Date(r.at) }));
}
