import type { AgentStateChangeV1 } from '@cc1357/contracts';
import { named, type Queryable } from '../db/pool';
import { inLockOrder } from '../db/lockOrder';
import type { AgentStaffing, AgentStateFact } from '../domain/staffedTime';

/** Inserts the batch in one statement; returns the ids that were new (re-sent ones are skipped). */
export async function insertAgentStateChanges(
  db: Queryable,
  changes: readonly AgentStateChangeV1[],
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    named(
      'insertAgentStateChanges',
      `INSERT INTO agent_state_changes (id, agent_id, from_state, state, reason, call_id, at)
     SELECT x.id, x.agent_id, x.from_state, x.state, x.reason, x.call_id, x.at
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, agent_id text, from_state text, state text, reason text,
                                              call_id text, at timestamptz)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
      [
        JSON.stringify(
          inLockOrder(changes, (c) => c.id).map((c) => ({
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
    ),
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

/** Each agent, by a recursive skip scan of the (agent_id, at) index: one probe per agent. */
const AGENTS = `agents AS (
       (SELECT agent_id FROM agent_state_changes ORDER BY agent_id LIMIT 1)
       UNION ALL
       SELECT (SELECT s.agent_id FROM agent_state_changes s WHERE s.agent_id > a.agent_id ORDER BY s.agent_id LIMIT 1)
         FROM agents a WHERE a.agent_id IS NOT NULL
     )`;

/** The changes staffed time can start or stop at (see agentStaffingFactsBetween); $1, $2 = the period. */
const STAFFING_FACTS = `     SELECT b.* FROM agents a
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
     -- ALL: an agent's first change may come twice; the same change twice changes no walk.
     UNION ALL
     SELECT id, agent_id, from_state, state, reason, floor(extract(epoch FROM at) * 1000)::float8
       FROM agent_state_changes
      WHERE at >= $1 AND at < $2
        AND (state IN ('offline', 'notReady') OR from_state IN ('offline', 'notReady'))`;

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
    `WITH RECURSIVE ${AGENTS}
     ${STAFFING_FACTS}`,
    [start, end],
  );
  return rows.map((r) => ({ ...r, callId: null, at: new Date(r.at) }));
}

/**
 * `staffingOf` over `agentStaffingFactsBetween`'s changes, computed by PostgreSQL: each agent's
 * known-from time and staffed stretches in [start, min(end, now)). The same walk — the last change
 * before the period gives the state at its start; a history without one is known from the
 * period's start when its first change is a log-in (from offline), else from that change; a
 * stretch starts where a change makes the agent staffed and ends at the next that does not
 * (kept when longer than nothing), or at min(end, now) — over changes in (at, id) order; a
 * month of 400 agents' log-ins and log-outs comes back as their stretches instead of being
 * decoded and folded in Node (test/agentStaffingFacts.test.ts checks it equals staffingOf).
 */
export async function agentStaffingBetween(
  db: Queryable,
  start: Date,
  end: Date,
  now: Date,
): Promise<Map<string, AgentStaffing>> {
  const until = Math.min(end.getTime(), now.getTime());
  const { rows } = await db.query<{ agent: string; knownFrom: number; from: number | null; to: number | null }>(
    `WITH RECURSIVE ${AGENTS},
     f AS (${STAFFING_FACTS}),
     s AS (
       SELECT "agentId" AS agent, id, at, "from", at < $3 AS before,
              ("to" <> 'offline' AND reason IS DISTINCT FROM 'disconnected') AS staffed
         FROM f WHERE at < $4
     ),
     o AS (
       SELECT agent, staffed, before, "from", CASE WHEN before THEN $3 ELSE at END AS t,
              coalesce(lag(staffed) OVER w, false) AS prev, row_number() OVER w AS n,
              NOT before AND coalesce(lag(before) OVER w, true) AS first_inside
         FROM s WINDOW w AS (PARTITION BY agent ORDER BY before DESC, at, id)
     ),
     k AS (
       SELECT agent,
              CASE WHEN bool_or(before) THEN $3
                   WHEN bool_or(first_inside AND "from" <> 'offline') THEN min(t) FILTER (WHERE first_inside)
                   ELSE $3 END AS known_from
         FROM o GROUP BY agent
     ),
     flips AS (
       SELECT agent, staffed, t, lead(t) OVER (PARTITION BY agent ORDER BY n) AS next_t, n
         FROM o WHERE staffed <> prev
     )
     SELECT k.agent, k.known_from AS "knownFrom", x.t AS "from", x.to
       FROM k LEFT JOIN (SELECT agent, t, coalesce(next_t, $4) AS to, n FROM flips
                          WHERE staffed AND coalesce(next_t, $4) > t) x ON x.agent = k.agent
      ORDER BY k.agent, x.n`,
    [start, end, start.getTime(), until],
  );
  const out = new Map<string, AgentStaffing>();
  for (const r of rows) {
    let a = out.get(r.agent);
    if (!a) out.set(r.agent, (a = { agentId: r.agent, knownFrom: new Date(r.knownFrom), stretches: [] }));
    if (r.from !== null && r.to !== null) a.stretches.push([new Date(r.from), new Date(r.to)]);
  }
  return out;
}
