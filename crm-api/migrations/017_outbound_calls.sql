-- Issue 12 §4, outbound calls: a call record says which way the call went (a counselor's call
-- from the desk is `outbound`), and a callback has an owner, a count of attempts and the outcome
-- of the last one (dial → done / noAnswer / reschedule, `domain/callbackTransitions.ts`).

ALTER TABLE call_records
  ADD COLUMN direction text NOT NULL DEFAULT 'inbound' CHECK (direction IN ('inbound', 'outbound'));
CREATE INDEX call_records_outbound_idx ON call_records (arrived_at) WHERE direction = 'outbound';

ALTER TABLE callbacks
  ADD COLUMN owner        text,
  ADD COLUMN attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  ADD COLUMN last_outcome text CHECK (last_outcome IN ('done', 'noAnswer', 'reschedule'));
-- "My callbacks" on the desk.
CREATE INDEX callbacks_owner_idx ON callbacks (owner, due_at) WHERE status IN ('open', 'dialing');
