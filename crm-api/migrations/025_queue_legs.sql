-- Queue legs (issue 15): one row per (call, queue) stay, derived from the call's queue.entered /
-- call.connected / call.abandoned events by domain/kpi.ts `queueLegsOf` and rewritten on every
-- ingest of the call (services/callEvents.ts), so replays and out-of-order batches converge.
-- Today's wallboard figures read a day of legs by entered_at instead of scanning call_events.
CREATE TABLE queue_legs (
  call_id      text NOT NULL,
  queue        text NOT NULL,
  -- The first time the call entered this queue (re-entering keeps the first entry).
  entered_at   timestamptz NOT NULL,
  connected_at timestamptz,
  abandoned_at timestamptz,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (call_id, queue),
  CHECK (connected_at IS NULL OR abandoned_at IS NULL)
);
CREATE INDEX queue_legs_entered_idx ON queue_legs (entered_at);

-- Backfill from the stored events: the same fold as `queueLegsOf`, in SQL, so an upgrade keeps
-- today's figures. Events in the order the ingest reads them (at, id); times to the millisecond
-- as the ingest stores them (JavaScript dates). test/queueLegsBackfill.test.ts checks this
-- against `queueLegsOf` on the same events.
WITH ev AS (
  SELECT call_id, type, queue, date_trunc('milliseconds', at) AS at,
         row_number() OVER (PARTITION BY call_id ORDER BY at, id) AS n
    FROM call_events
   WHERE type IN ('queue.entered', 'call.connected', 'call.abandoned')
),
-- stay: how many queue entries the call had up to each event; the entry that started the stay
-- names the queue the call is in (window functions: one pass, however many events there are).
stays AS (
  SELECT ev.*, count(*) FILTER (WHERE type = 'queue.entered' AND queue IS NOT NULL)
                 OVER (PARTITION BY call_id ORDER BY n) AS stay
    FROM ev
),
facts AS (
  SELECT stays.*, max(queue) FILTER (WHERE type = 'queue.entered' AND queue IS NOT NULL)
                    OVER (PARTITION BY call_id, stay) AS current_queue
    FROM stays
),
legs AS (
  SELECT DISTINCT ON (call_id, queue) call_id, queue, at AS entered_at, n AS entered_n
    FROM facts WHERE type = 'queue.entered' AND queue IS NOT NULL
   ORDER BY call_id, queue, n
),
-- An outcome names its queue, or else belongs to the queue the call entered last before it.
outcomes AS (
  SELECT call_id, type, at, n, COALESCE(queue, current_queue) AS target
    FROM facts WHERE type IN ('call.connected', 'call.abandoned')
),
-- A leg takes the first outcome after its entry; earlier or later ones are ignored.
firsts AS (
  SELECT DISTINCT ON (l.call_id, l.queue) l.call_id, l.queue, o.type, o.at
    FROM legs l
    JOIN outcomes o ON o.call_id = l.call_id AND o.target = l.queue AND o.n > l.entered_n
   ORDER BY l.call_id, l.queue, o.n
)
INSERT INTO queue_legs (call_id, queue, entered_at, connected_at, abandoned_at)
SELECT l.call_id, l.queue, l.entered_at,
       CASE WHEN f.type = 'call.connected' THEN f.at END,
       CASE WHEN f.type = 'call.abandoned' THEN f.at END
  FROM legs l LEFT JOIN firsts f ON f.call_id = l.call_id AND f.queue = l.queue;
