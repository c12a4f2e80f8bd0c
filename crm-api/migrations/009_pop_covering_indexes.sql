-- The screen pop of a random caller at national scale reads its rows from cold pages (on this
-- kind of disk ~60 µs a page): about 25 pages a pop, half of them table pages the indexes
-- could have answered. These indexes let the pop's probes stop at the index (index-only scans,
-- for pages the visibility map knows are all-visible) — measured with EXPLAIN (BUFFERS) over
-- random callers: support history 6.3 reads → 1–2, phones and contact links one each.

-- A company's support items: every column the pop shows, in the unique key's index.
ALTER TABLE support_history
  DROP CONSTRAINT support_history_company_id_program_name_year_key,
  ADD CONSTRAINT support_history_company_id_program_name_year_key
    UNIQUE (company_id, program_name, year) INCLUDE (id, program_id, agency, amount, status);

-- Number → contact (the pop's first probe), and a contact's phones with their kind.
DROP INDEX contact_phones_number_idx;
CREATE INDEX contact_phones_number_idx ON contact_phones (number) INCLUDE (contact_id);
ALTER TABLE contact_phones
  DROP CONSTRAINT contact_phones_contact_id_number_key,
  ADD CONSTRAINT contact_phones_contact_id_number_key UNIQUE (contact_id, number) INCLUDE (id, kind);

-- Company → its contacts.
DROP INDEX contact_companies_company_idx;
CREATE INDEX contact_companies_company_idx ON contact_companies (company_id, contact_id);

-- Open follow-ups of a caller number (the company ones have 006's partial index): a small
-- index instead of a probe into every consultation of the number.
CREATE INDEX consultations_open_follow_up_caller_idx ON consultations (caller_number, created_at DESC)
  WHERE outcome = 'followUp' AND follow_up_closed_at IS NULL;
