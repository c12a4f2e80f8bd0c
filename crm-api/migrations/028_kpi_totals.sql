-- KPI totals (issue 17): what the historical KPI report counts, summed per interval and key, so a
-- month report sums a few thousand rows instead of folding every call of the month. Each call's
-- contributions (domain/kpiContributions.ts `kpiContributionsOf`, from its call_report_facts)
-- are added at ingest in the same transaction that rewrites its facts, its old contributions
-- subtracted (`kpiTotalsDelta`), so replays and out-of-order batches converge on the sum over the
-- calls' current facts. Two spans: 15-minute intervals (15/30/60-minute reports) and Asia/Seoul
-- days (day and month reports). Seconds are integer milliseconds (exact under subtraction).
CREATE TABLE kpi_totals (
  -- 15 or 1440 (a Seoul day).
  span_minutes       smallint NOT NULL,
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
  answered_within    bigint[] NOT NULL DEFAULT '{}',
  short_abandons     bigint[] NOT NULL DEFAULT '{}',
  codes              bigint[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (span_minutes, grouping, start_at, key)
);

-- The facts stored so far were never added to the totals: they are emptied and every call is
-- listed for crm-api's start-up backfill (services/reportFacts.ts backfillReportFacts), which
-- derives each call's facts again from its events and adds its contributions — under the call's
-- lock, so an ingest of the same call meanwhile converges with it.
INSERT INTO call_report_facts_pending (call_id) SELECT call_id FROM call_report_facts ON CONFLICT DO NOTHING;
TRUNCATE call_report_facts;

-- Element-wise sum of two count arrays (a shorter one counts as zeros past its end).
CREATE FUNCTION kpi_counts_add(a bigint[], b bigint[]) RETURNS bigint[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT coalesce(array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY n), '{}')
     FROM unnest(a, b) WITH ORDINALITY AS u(x, y, n) $$;
