-- Raw call facts from telephony (append-only) and the one-row-per-call record derived from them.
CREATE TABLE call_events (
  id            text PRIMARY KEY,
  call_id       text NOT NULL,
  type          text NOT NULL,
  at            timestamptz NOT NULL,
  queue         text,
  agent_id      text,
  caller_number text,
  data          jsonb NOT NULL DEFAULT '{}',
  received_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_events_call_idx ON call_events (call_id, at);
-- KPIs scan a day of one event type.
CREATE INDEX call_events_type_at_idx ON call_events (type, at);

-- History is evidence: events are never changed or removed, whoever asks.
CREATE FUNCTION call_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'call_events is append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER call_events_no_update_delete
  BEFORE UPDATE OR DELETE ON call_events
  FOR EACH ROW EXECUTE FUNCTION call_events_append_only();
CREATE TRIGGER call_events_no_truncate
  BEFORE TRUNCATE ON call_events
  FOR EACH STATEMENT EXECUTE FUNCTION call_events_append_only();

-- CDR: rebuilt from the call's events on every ingest, so out-of-order and re-sent events
-- converge on the same row.
CREATE TABLE call_records (
  call_id         text PRIMARY KEY,
  caller_number   text,
  queue           text,
  agent_id        text,
  arrived_at      timestamptz,
  queued_at       timestamptz,
  connected_at    timestamptz,
  ended_at        timestamptz,
  outcome         text NOT NULL,
  recording_name  text,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_records_arrived_idx ON call_records (arrived_at);
CREATE INDEX call_records_caller_idx ON call_records (caller_number, arrived_at DESC);
CREATE INDEX call_records_agent_idx ON call_records (agent_id, arrived_at DESC);
