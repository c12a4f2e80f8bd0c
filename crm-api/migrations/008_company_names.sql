-- Name search of 3+ characters (substring and typo-tolerant) runs over the distinct search names,
-- not over every company. At national scale 8.04 M companies share about 1.3 M distinct names
-- ("대성산업" is many companies), so the trigram index is a sixth of the size, a common
-- trigram's posting list a sixth as long, and ranking reads a narrow table instead of company
-- rows. The companies behind the best names are then read through companies_search_name_c_idx.
CREATE TABLE company_names (
  search_name text PRIMARY KEY,
  -- 0 only inside the statement that removes the last company of a name (see company_names_remove).
  companies integer NOT NULL CHECK (companies >= 0)
);

INSERT INTO company_names (search_name, companies)
  SELECT search_name, count(*) FROM companies GROUP BY search_name;

CREATE INDEX company_names_trgm_idx ON company_names USING gin (search_name gin_trgm_ops);
-- Name search no longer reads trigrams of company rows; the index only slowed every company write.
DROP INDEX companies_search_name_trgm_idx;

-- Typos in short keys (4–5 characters): one wrong character leaves too few shared trigrams for
-- similarity to find them ((n − 2)/(n + 4) < 0.4), so they look for names one edit away
-- (levenshtein). A single edit leaves the key's first half at the start of the name or its
-- second half at its end: candidates come from two range scans, by length and start / by length
-- and reversed end.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
EXCEPTION WHEN OTHERS THEN
  RAISE EXCEPTION 'crm-api needs the fuzzystrmatch extension for typo-tolerant name search (Debian: apt-get install postgresql-contrib; then CREATE EXTENSION fuzzystrmatch as a superuser): %', SQLERRM;
END
$$;
CREATE INDEX company_names_start_idx ON company_names (char_length(search_name), (search_name COLLATE "C"));
CREATE INDEX company_names_end_idx ON company_names (char_length(search_name), (reverse(search_name) COLLATE "C"));

-- Kept exact by statement-level triggers over transition tables: one grouped upsert per
-- statement, so a 500 000-row import pays one aggregate, not 500 000 upserts. Rows are touched
-- in name order, so concurrent writers cannot deadlock on them.
CREATE FUNCTION company_names_add(names text[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO company_names (search_name, companies)
  SELECT n, count(*) FROM unnest(names) AS n GROUP BY n ORDER BY n
  ON CONFLICT (search_name) DO UPDATE SET companies = company_names.companies + EXCLUDED.companies;
$$;

-- Two statements, not one: each takes its own snapshot, so when two writers remove the same
-- name at once the second UPDATE waits, re-reads the row and subtracts from the new count, and
-- the DELETE then sees what both left (one statement's DELETE would judge by its old snapshot
-- and keep a name no company has any more).
CREATE FUNCTION company_names_remove(names text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Lock in name order first (an UPDATE … FROM joins in whatever order it plans).
  PERFORM 1 FROM company_names WHERE search_name = ANY(names) ORDER BY search_name FOR UPDATE;
  UPDATE company_names cn SET companies = cn.companies - gone.k
    FROM (SELECT n, count(*)::int AS k FROM unnest(names) AS n GROUP BY n ORDER BY n) gone
   WHERE cn.search_name = gone.n;
  DELETE FROM company_names WHERE search_name = ANY(names) AND companies <= 0;
END $$;

CREATE FUNCTION company_names_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM company_names_add(ARRAY(SELECT search_name FROM new_rows));
  RETURN NULL;
END $$;

CREATE FUNCTION company_names_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM company_names_remove(ARRAY(SELECT search_name FROM old_rows));
  RETURN NULL;
END $$;

CREATE FUNCTION company_names_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only renamed companies move; the id pairs the old row with the new one.
  PERFORM company_names_remove(ARRAY(SELECT o.search_name FROM old_rows o JOIN new_rows n ON n.id = o.id
                                      WHERE o.search_name IS DISTINCT FROM n.search_name));
  PERFORM company_names_add(ARRAY(SELECT n.search_name FROM old_rows o JOIN new_rows n ON n.id = o.id
                                   WHERE o.search_name IS DISTINCT FROM n.search_name));
  RETURN NULL;
END $$;

CREATE TRIGGER companies_names_insert AFTER INSERT ON companies
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION company_names_on_insert();
CREATE TRIGGER companies_names_delete AFTER DELETE ON companies
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION company_names_on_delete();
CREATE TRIGGER companies_names_update AFTER UPDATE ON companies
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION company_names_on_update();
-- TRUNCATE fires no row or statement DELETE trigger: empty the names with the companies.
CREATE FUNCTION company_names_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM company_names;
  RETURN NULL;
END $$;
CREATE TRIGGER companies_names_truncate AFTER TRUNCATE ON companies
  FOR EACH STATEMENT EXECUTE FUNCTION company_names_on_truncate();
