-- KPI totals (issue 17): what the historical KPI report counts, summed per interval and key, so a
-- month report sums a few thousand rows instead of folding every call of the month. Each call's
-- contributions (domain/kpiContributions.ts `kpiContributionsOf`, from its call_report_facts)
-- are added at ingest in the same transaction that rewrites its facts, its old contributions
-- subtracted (`kpiTotalsDelta`), so replays and out-of-order batches converge on the sum over the
-- calls' current facts. Three spans: 15-minute intervals (15/30/60-minute reports), Asia/Seoul
-- days and months. Seconds are integer milliseconds (exact under subtraction).
CREATE TABLE kpi_totals (
  -- The interval the row covers: '15m', 'day' or 'month' (Asia/Seoul), starting at start_at.
  span               text NOT NULL CHECK (span IN ('15m', 'day', 'month')),
  grouping           text NOT NULL CHECK (grouping IN ('queue', 'agent')),
  start_at           timestamptz NOT NULL,
  -- Queue or agent id; '-' for none (a desk dial has no queue).
  key                text NOT NULL,
  -- Facts counted in the row: the report shows a row while this is above 0.
  touches            bigint NOT NULL DEFAULT 0,
  offered            bigint NOT NULL DEFAULT 0,
  answered           bigint NOT NULL DEFAULT 0,
  abandoned          bigint NOT NULL DEFAULT 0,
  answer_wait_ms     bigint NOT NULL DEFAULT 0,
  handled            bigint NOT NULL DEFAULT 0,
  handle_ms          bigint NOT NULL DEFAULT 0,
  hold_ms            bigint NOT NULL DEFAULT 0,
  wrap_up_ms         bigint NOT NULL DEFAULT 0,
  busy_ms            bigint NOT NULL DEFAULT 0,
  transfers          bigint NOT NULL DEFAULT 0,
  callbacks          bigint NOT NULL DEFAULT 0,
  fallback           bigint NOT NULL DEFAULT 0,
  missed             bigint NOT NULL DEFAULT 0,
  outbound           bigint NOT NULL DEFAULT 0,
  outbound_answered  bigint NOT NULL DEFAULT 0,
  -- Cumulative counts at kpiContributions.ts's edges: [i] = answered with wait ≤ SL_EDGES[i],
  -- abandoned after < SHORT_ABANDON_EDGES[i]; codes[i] = wrap-ups ended with CODE_ORDER[i].
  -- (Counts of calls in one interval and key: int is plenty, and half the width of bigint.)
  answered_within    int[] NOT NULL DEFAULT '{}',
  short_abandons     int[] NOT NULL DEFAULT '{}',
  codes              int[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (span, grouping, start_at, key)
) WITH (fillfactor = 80); -- room on each page for the updates that follow (HOT: no index write)

-- The facts stored so far were never added to the totals: they are emptied and every call is
-- listed for crm-api's start-up backfill (services/reportFacts.ts backfillReportFacts), which
-- derives each call's facts again from its events and adds its contributions — under the call's
-- lock, so an ingest of the same call meanwhile converges with it.
INSERT INTO call_report_facts_pending (call_id) SELECT call_id FROM call_report_facts ON CONFLICT DO NOTHING;
TRUNCATE call_report_facts;

-- Element-wise sum of two count arrays (a shorter one counts as zeros past its end).
CREATE FUNCTION kpi_counts_add(a int[], b int[]) RETURNS int[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT coalesce(array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY n), '{}')
     FROM unnest(a, b) WITH ORDINALITY AS u(x, y, n) $$;

-- The agent state changes where staffed time can start or stop (to or from offline or Not ready;
-- staffed = any state but offline and the `disconnected` Not ready, domain/staffedTime.ts): the
-- report reads these (and each agent's first change of the period) instead of every ring, answer
-- and wrap-up move of a month (repositories/agentStateChanges.ts agentStaffingFactsBetween).
CREATE INDEX agent_state_changes_staffing_idx ON agent_state_changes (at)
  WHERE state IN ('offline', 'notReady') OR from_state IN ('offline', 'notReady');
