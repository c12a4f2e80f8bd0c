-- pg_prewarm (contrib, beside pg_trgm): crm-api reads the screen pop's tables and indexes into
-- memory when it starts (db/prewarm.ts), so a pop of a company nobody looked up lately does not
-- wait on the disk. Creating it needs a superuser; without it crm-api says so and goes on.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_prewarm;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_prewarm is not installed (%): crm-api will not warm the screen pop''s tables; as a superuser: CREATE EXTENSION pg_prewarm', SQLERRM;
END
$$;
