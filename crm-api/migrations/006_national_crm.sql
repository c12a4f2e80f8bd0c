-- The national CRM: programs, support history, cohorts, consultation edits, SMS, callbacks,
-- relays and search. Additive: no earlier table changes meaning.

-- Korean company names are searched by fragments and with typos: trigram indexes (contrib).
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE EXCEPTION 'crm-api needs the pg_trgm extension for company-name search (Debian: apt-get install postgresql-contrib; then CREATE EXTENSION pg_trgm as a superuser): %', SQLERRM;
END
$$;

-- Names are matched without the legal-form noise callers never say ("(주)", "주식회사", spaces).
ALTER TABLE companies ADD COLUMN search_name text
  GENERATED ALWAYS AS (lower(regexp_replace(name, '\(주\)|㈜|주식회사|\s', '', 'g'))) STORED;
-- Fragments of 3+ characters and typos: trigrams. One or two syllables: a prefix range (C collation).
CREATE INDEX companies_search_name_trgm_idx ON companies USING gin (search_name gin_trgm_ops);
CREATE INDEX companies_search_name_prefix_idx ON companies (search_name text_pattern_ops);

/* ---------- people ---------- */

-- Partner-center users see only the relays addressed to their center.
ALTER TABLE users ADD COLUMN partner_id text CHECK (partner_id IN ('motie', 'fta1380', 'msit1379', 'moel', 'fsc', 'nts', 'customs', 'pps', 'kipo'));

/* ---------- cohorts: "similar companies" ---------- */

-- Similar = same KSIC division (letter + 2 digits), size class, region and age band. One SQL
-- definition, used by the refresh job and by every query that looks a company's cohort up.
CREATE FUNCTION company_age_band(founded date, asof date) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE
    WHEN founded > asof - interval '3 years' THEN '0-3'
    WHEN founded > asof - interval '7 years' THEN '3-7'
    WHEN founded > asof - interval '15 years' THEN '7-15'
    ELSE '15+' END
$$;

CREATE FUNCTION company_cohort(ksic text, size_class text, region text, founded date, asof date) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT substr(ksic, 1, 3) || '|' || size_class || '|' || region || '|' || company_age_band(founded, asof)
$$;

/* ---------- program catalogue ---------- */

CREATE TABLE programs (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Natural key ("SBC-2025-01"): imports and the seed upsert on it.
  code                text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9._-]{1,40}$'),
  name                text NOT NULL,
  agency              text NOT NULL,
  level               text NOT NULL CHECK (level IN ('central', 'local')),
  category            text NOT NULL CHECK (category IN ('finance', 'tech', 'workforce', 'export', 'domestic', 'startup', 'management', 'other')),
  description         text NOT NULL DEFAULT '',
  url                 text,
  -- Eligibility; NULL = no restriction on that axis.
  eligible_regions    text[],
  eligible_sizes      text[],
  eligible_ksic       text[], -- KSIC prefixes: 'C' (all manufacturing), 'C26', 'J582'
  min_age_years       integer CHECK (min_age_years >= 0),
  max_age_years       integer CHECK (max_age_years >= 0),
  max_amount          bigint CHECK (max_amount >= 0), -- won
  -- Announced (공고) may precede the window; a program known but not yet announced has no date.
  announced_on        date,
  opens_on            date NOT NULL,
  closes_on           date NOT NULL,
  CHECK (closes_on >= opens_on),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX programs_window_idx ON programs (opens_on, closes_on);
CREATE INDEX programs_name_idx ON programs (name);

/* ---------- support history (지원이력) ---------- */

CREATE TABLE support_history (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  company_id   bigint NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  -- Linked when the program is in the catalogue; the name is kept as recorded either way.
  program_id   bigint REFERENCES programs (id),
  program_name text NOT NULL,
  agency       text NOT NULL,
  year         integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  amount       bigint NOT NULL CHECK (amount >= 0), -- won
  status       text NOT NULL CHECK (status IN ('applied', 'selected', 'paid', 'completed', 'cancelled', 'rejected')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  -- The import's natural key: one row per company, program and year.
  UNIQUE (company_id, program_name, year)
);
CREATE INDEX support_history_program_idx ON support_history (program_id);

-- Precomputed by the cohort refresh job (src/jobs/cohorts.ts): per cohort, how much its
-- recipients received, and per cohort and program, how many of its companies took it.
CREATE TABLE cohort_stats (
  cohort        text PRIMARY KEY,
  companies     integer NOT NULL,
  recipients    integer NOT NULL,
  p50_total     bigint NOT NULL,
  p90_total     bigint NOT NULL,
  refreshed_at  timestamptz NOT NULL
);
CREATE TABLE cohort_program_uptake (
  cohort      text NOT NULL,
  program_id  bigint NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  recipients  integer NOT NULL,
  PRIMARY KEY (cohort, program_id)
);

/* ---------- consultations: catalogue, links, edits ---------- */

CREATE TABLE consultation_subcategories (
  category   text NOT NULL CHECK (category IN ('finance', 'tech', 'workforce', 'export', 'domestic', 'startup', 'management', 'other')),
  label      text NOT NULL,
  sort_order integer NOT NULL,
  active     boolean NOT NULL DEFAULT true,
  PRIMARY KEY (category, label)
);
INSERT INTO consultation_subcategories (category, label, sort_order) VALUES
  ('finance', '정책자금', 1), ('finance', '긴급경영안정자금', 2), ('finance', '신용보증', 3), ('finance', '소상공인 대출', 4), ('finance', '투자유치', 5),
  ('tech', 'R&D > 기술개발', 1), ('tech', 'R&D > 특허지원', 2), ('tech', '스마트공장', 3), ('tech', '기술인증', 4),
  ('workforce', '고용지원', 1), ('workforce', '인력양성', 2), ('workforce', '외국인력', 3),
  ('export', '수출바우처', 1), ('export', 'FTA', 2), ('export', '해외전시회', 3), ('export', '해외인증', 4),
  ('domestic', '판로지원', 1), ('domestic', '온누리상품권', 2), ('domestic', '공공구매', 3),
  ('startup', '창업·벤처 > 예비창업', 1), ('startup', '창업·벤처 > 초기창업', 2), ('startup', '창업·벤처 > 1인창조기업', 3), ('startup', '창업·벤처 > 재도전', 4),
  ('management', '컨설팅', 1), ('management', '세무', 2), ('management', '법률', 3), ('management', '사업전환', 4),
  ('other', '기타', 1), ('other', '민원', 2);

ALTER TABLE consultations
  ADD COLUMN recording_name      text,
  ADD COLUMN relay_id            bigint,
  ADD COLUMN revision            integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at          timestamptz,
  ADD COLUMN updated_by          bigint REFERENCES users (id),
  -- A follow-up promised to the caller stays open until someone closes it.
  ADD COLUMN follow_up_closed_at timestamptz;
CREATE INDEX consultations_counselor_created_idx ON consultations (counselor_id, created_at DESC, id DESC);
CREATE INDEX consultations_category_created_idx ON consultations (category, created_at DESC, id DESC);
CREATE INDEX consultations_open_follow_up_idx ON consultations (company_id, created_at DESC)
  WHERE outcome = 'followUp' AND follow_up_closed_at IS NULL;

-- Every PATCH keeps the version it replaced: revision n is the row as it was at revision n.
CREATE TABLE consultation_revisions (
  consultation_id bigint NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
  revision        integer NOT NULL,
  snapshot        jsonb NOT NULL,
  changed_fields  text[] NOT NULL,
  changed_by      bigint NOT NULL REFERENCES users (id),
  changed_at      timestamptz NOT NULL,
  PRIMARY KEY (consultation_id, revision)
);

/* ---------- relays to partner centers ---------- */

CREATE TABLE relays (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key  text NOT NULL UNIQUE,
  partner_id       text NOT NULL CHECK (partner_id IN ('motie', 'fta1380', 'msit1379', 'moel', 'fsc', 'nts', 'customs', 'pps', 'kipo')),
  call_id          text,
  caller_number    text,
  company_id       bigint REFERENCES companies (id),
  consultation_id  bigint REFERENCES consultations (id),
  question         text NOT NULL,
  -- What the caller already told 1357, so the partner does not ask again.
  context          text NOT NULL DEFAULT '',
  status           text NOT NULL CHECK (status IN ('pending', 'accepted', 'answered', 'closed', 'failed')),
  outcome          text,
  outcome_at       timestamptz,
  outcome_by       text,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX relays_partner_created_idx ON relays (partner_id, created_at DESC, id DESC);
CREATE INDEX relays_open_company_idx ON relays (company_id) WHERE status IN ('pending', 'accepted');
CREATE INDEX relays_open_caller_idx ON relays (caller_number) WHERE status IN ('pending', 'accepted');
ALTER TABLE consultations ADD CONSTRAINT consultations_relay_fk FOREIGN KEY (relay_id) REFERENCES relays (id);

/* ---------- callbacks ---------- */

CREATE TABLE callbacks (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number          text NOT NULL CHECK (number ~ '^[0-9]{3,15}$'),
  queue           text NOT NULL CHECK (queue IN ('fund', 'startup', 'merchant', 'rnd', 'export', 'hr', 'general')),
  due_at          timestamptz NOT NULL,
  status          text NOT NULL CHECK (status IN ('open', 'dialing', 'done', 'cancelled', 'failed')),
  company_id      bigint REFERENCES companies (id),
  consultation_id bigint REFERENCES consultations (id),
  call_id         text,
  note            text,
  requested_by    text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  closed_at       timestamptz
);
-- DOMAIN.md trap: never a second callback for a number that already has one waiting.
CREATE UNIQUE INDEX callbacks_one_open_per_number ON callbacks (number) WHERE status IN ('open', 'dialing');
CREATE INDEX callbacks_due_idx ON callbacks (due_at) WHERE status = 'open';
CREATE INDEX callbacks_company_idx ON callbacks (company_id) WHERE status IN ('open', 'dialing');

/* ---------- SMS ---------- */

CREATE TABLE sms_opt_outs (
  number     text PRIMARY KEY CHECK (number ~ '^[0-9]{3,15}$'),
  source     text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The outbox: a message is stored here first; `enqueued_at` says it was handed to BullMQ.
CREATE TABLE sms_messages (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key  text NOT NULL UNIQUE,
  request_hash     text NOT NULL,
  caller_number    text NOT NULL CHECK (caller_number ~ '^[0-9]{3,15}$'),
  company_id       bigint REFERENCES companies (id),
  consultation_id  bigint REFERENCES consultations (id),
  template         text NOT NULL,
  body             text NOT NULL,
  program_ids      bigint[] NOT NULL DEFAULT '{}',
  status           text NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  gateway_id       text,
  error            text,
  sender_id        text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  enqueued_at      timestamptz,
  sent_at          timestamptz,
  delivered_at     timestamptz,
  failed_at        timestamptz
);
CREATE INDEX sms_messages_caller_idx ON sms_messages (caller_number, created_at DESC, id DESC);
CREATE INDEX sms_messages_outbox_idx ON sms_messages (id) WHERE status = 'queued' AND enqueued_at IS NULL;

-- The demo/test gateway: what would have been sent, one row per hand-off.
CREATE TABLE sms_sink (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id  bigint NOT NULL,
  to_number   text NOT NULL,
  body        text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);
