-- The consultation log. A retried save carries the same idempotency key and finds this row.
CREATE TABLE consultations (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key  text NOT NULL UNIQUE,
  -- Hash of what was asked (body + counselor): the same key with a different body is a conflict.
  request_hash     text NOT NULL,
  company_id       bigint REFERENCES companies (id),
  call_id          text,
  caller_number    text,
  counselor_id     bigint NOT NULL REFERENCES users (id),
  category         text NOT NULL CHECK (category IN ('finance', 'tech', 'workforce', 'export', 'domestic', 'startup', 'management', 'other')),
  sub_category     text,
  summary          text NOT NULL,
  outcome          text NOT NULL CHECK (outcome IN ('resolved', 'followUp', 'relayed', 'callback', 'info')),
  follow_up        text,
  created_at       timestamptz NOT NULL DEFAULT now()
);
-- "Last five for this company / this number, newest first" is the screen pop's hot query.
CREATE INDEX consultations_company_created_idx ON consultations (company_id, created_at DESC, id DESC);
CREATE INDEX consultations_caller_created_idx ON consultations (caller_number, created_at DESC, id DESC);
CREATE INDEX consultations_call_idx ON consultations (call_id);
CREATE INDEX consultations_created_idx ON consultations (created_at DESC, id DESC);
