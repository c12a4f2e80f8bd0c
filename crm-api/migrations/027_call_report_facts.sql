-- Report facts (issue 17): one row per call holding what the historical KPI report counts of it
-- (domain/kpiReport.ts `CallReportFacts`, derived by `callReportFactsOf` from all the call's
-- events), rewritten on every ingest of the call under its lock (services/callEvents.ts), as
-- queue_legs is, so replays and out-of-order batches converge. GET /api/reports/kpi reads the
-- calls whose span meets the period instead of folding a month of raw events.
CREATE TABLE call_report_facts (
  call_id    text PRIMARY KEY,
  -- The earliest and latest moment of the facts (a busy stretch to its wrap-up's end); null:
  -- nothing to count (an IVR-only call).
  first_at   timestamptz,
  last_at    timestamptz,
  -- The facts, encoded by repositories/reportFacts.ts (times as epoch milliseconds).
  facts      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_report_facts_first_at_idx ON call_report_facts (first_at) WHERE first_at IS NOT NULL;

-- The calls stored before this migration: the derivation is TypeScript (the report's own), so
-- the migration only lists them; crm-api derives their facts at start before it serves
-- (services/reportFacts.ts backfillReportFacts), a batch of calls per transaction.
CREATE TABLE call_report_facts_pending (
  call_id text PRIMARY KEY
);
INSERT INTO call_report_facts_pending (call_id) SELECT DISTINCT call_id FROM call_events;
