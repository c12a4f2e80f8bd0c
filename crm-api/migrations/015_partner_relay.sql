-- Issue 12 §3, the partner-center relay: relays from partners to 1357 (`direction`), the
-- closed partner's callback offer, the relay package's signed webhook delivery to the
-- partner's system (retried by a BullMQ job; `dead` after the last attempt, listed for
-- supervisors, who may send it again), and the partner's signed outcomes, applied once per
-- delivery id however often the partner repeats them.

ALTER TABLE relays
  ADD COLUMN delivery_status   text NOT NULL DEFAULT 'none'
    CHECK (delivery_status IN ('none', 'queued', 'delivering', 'delivered', 'dead')),
  ADD COLUMN delivery_attempts integer NOT NULL DEFAULT 0,
  -- Raised by each supervisor retry: the BullMQ job id of a redelivery is new, the delivery id (the
  -- relay's idempotency key, which the partner dedupes on) is not.
  ADD COLUMN redeliveries      integer NOT NULL DEFAULT 0,
  ADD COLUMN delivery_error    text,
  ADD COLUMN delivered_at      timestamptz,
  ADD COLUMN dead_at           timestamptz,
  -- `inbound`: a partner center relayed a consultation to 1357 (signed, like its outcomes).
  ADD COLUMN direction         text NOT NULL DEFAULT 'outbound' CHECK (direction IN ('outbound', 'inbound')),
  -- Whether the partner was open when the relay was made; when it was not, the caller may have
  -- accepted a callback from the partner: the number to call, which the partner sees.
  ADD COLUMN partner_open      boolean,
  ADD COLUMN callback_number   text;

CREATE INDEX relays_dead_letters_idx ON relays (dead_at DESC, id DESC) WHERE delivery_status = 'dead';
CREATE INDEX relays_undelivered_idx ON relays (id) WHERE delivery_status = 'queued';
-- The pop and the company's page show relays the partner answered.
CREATE INDEX relays_outcome_company_idx ON relays (company_id, outcome_at DESC) WHERE outcome_at IS NOT NULL;
CREATE INDEX relays_outcome_caller_idx ON relays (caller_number, outcome_at DESC) WHERE outcome_at IS NOT NULL;

-- One row per partner delivery id: a repeated outcome post finds its row and changes nothing.
CREATE TABLE relay_outcome_receipts (
  partner_id   text NOT NULL,
  delivery_id  text NOT NULL,
  relay_id     bigint NOT NULL REFERENCES relays (id),
  status       text NOT NULL,
  received_at  timestamptz NOT NULL,
  PRIMARY KEY (partner_id, delivery_id)
);
