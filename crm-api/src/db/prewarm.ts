import pg from 'pg';

/**
 * The tables and indexes the screen pop reads (repositories/pop.ts: popMain and popHistory's
 * plans; test/prewarm.test.ts checks the plans read nothing else). At national scale they are
 * about 14 GB of a 25 GB database: a machine whose memory holds them answers a pop of a company
 * nobody looked up lately without a disk read, and one that does not, with a few (the pop's p99
 * for such companies was 4.9–5.5 ms on a 23 GB machine, against 4.4 ms for companies looked up
 * before). In about the order a pop meets them.
 */
export const POP_RELATIONS = [
  'contact_phones_number_idx',
  'companies_biz_reg_no_key',
  'contact_companies_pkey',
  'contact_companies_company_idx',
  'companies_pkey',
  'companies',
  'contacts_pkey',
  'contacts',
  'contact_phones_contact_id_number_key',
  'users_pkey',
  'users',
  'consultations_company_created_idx',
  'consultations_caller_created_idx',
  'consultations_open_follow_up_idx',
  'consultations_open_follow_up_caller_idx',
  'consultations',
  'callbacks_company_idx',
  'callbacks_one_open_per_number',
  'callbacks_owner_idx',
  'callbacks',
  'relays_open_company_idx',
  'relays_open_caller_idx',
  'relays_outcome_company_idx',
  'relays_outcome_caller_idx',
  'relays',
  'support_history_company_id_program_name_year_key',
  'cohort_program_uptake_pkey',
  'cohort_program_uptake',
  'cohort_stats_pkey',
  'cohort_stats',
] as const;

/**
 * What the pop's statements may read that is not warmed, and why: the test that compares the
 * plans with POP_RELATIONS accepts these and nothing else.
 */
export const POP_RELATIONS_NOT_WARMED: Readonly<Record<string, string>> = {
  call_events: 'the IVR path: the current call’s own rows, written seconds before; the table grows with every call',
  call_events_call_idx: 'as call_events',
  call_events_type_at_idx: 'as call_events',
  contact_phones: 'read index-only at scale: contact_phones_number_idx and the contact’s key carry the columns',
  contact_companies: 'read index-only at scale: both of its indexes carry both columns',
  support_history: 'read index-only at scale: its unique key carries every column the pop shows (4.5 GB at 8 M)',
};

/** Blocks read per statement: progress between them, and a close() stops within one. */
const CHUNK_BLOCKS = 16_384; // 128 MB of 8 kB pages

/** A progress line per this many megabytes read. */
const PROGRESS_MB = 1024;

// Any constant shared by crm-api processes: of several starting at once, one reads.
const PREWARM_LOCK_KEY = 1357_0002;

export type PrewarmResult =
  | { state: 'done'; relations: number; megabytes: number; seconds: number }
  | { state: 'skipped'; reason: string }
  | { state: 'stopped'; megabytes: number };

/**
 * Reads POP_RELATIONS into the operating system's page cache with pg_prewarm's `read` mode (not
 * into shared_buffers, which are far smaller), 128 MB per statement, on a connection of its own.
 * crm-api runs it in the background when it starts; requests are served meanwhile. Skipped, with
 * the reason, when pg_prewarm is not installed or another process is already at it. `stop()`
 * ends it after the statement running (a restart of crm-api does not wait for 14 GB of reads).
 */
export function prewarmPopReads(
  databaseUrl: string,
  onProgress?: (progress: { relation: string; megabytesSoFar: number }) => void,
): { done: Promise<PrewarmResult>; stop(): void } {
  let stopped = false;
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  const done = (async (): Promise<PrewarmResult> => {
    await client.connect();
    try {
      const installed = await client.query<{ ok: boolean }>(
        `SELECT to_regprocedure('pg_prewarm(regclass, text, text, bigint, bigint)') IS NOT NULL AS ok`,
      );
      if (!installed.rows[0]?.ok)
        return {
          state: 'skipped',
          reason: 'pg_prewarm is not installed (as a superuser: CREATE EXTENSION pg_prewarm)',
        };
      const locked = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [PREWARM_LOCK_KEY]);
      if (!locked.rows[0]?.ok) return { state: 'skipped', reason: 'another crm-api process is warming them' };
      const started = performance.now();
      const sizes = await client.query<{ name: string; blocks: string; blockSize: number }>(
        `SELECT r.name, (pg_relation_size(to_regclass(r.name)) / current_setting('block_size')::int)::text AS blocks,
                current_setting('block_size')::int AS "blockSize"
           FROM unnest($1::text[]) WITH ORDINALITY AS r(name, n)
          WHERE to_regclass(r.name) IS NOT NULL ORDER BY r.n`,
        [POP_RELATIONS],
      );
      let read = 0;
      let reported = 0;
      const toMegabytes = (blocks: number) => Math.round((blocks * (sizes.rows[0]?.blockSize ?? 8192)) / 2 ** 20);
      for (const { name, blocks } of sizes.rows) {
        for (let first = 0; first < Number(blocks); first += CHUNK_BLOCKS) {
          if (stopped) return { state: 'stopped', megabytes: toMegabytes(read) };
          const last = Math.min(Number(blocks), first + CHUNK_BLOCKS) - 1;
          const got = await client.query<{ n: string }>(
            `SELECT pg_prewarm(to_regclass($1), 'read', 'main', $2, $3)::text AS n`,
            [name, first, last],
          );
          read += Number(got.rows[0]?.n ?? 0);
        }
        // Progress on a big database (minutes from a cold disk), quiet on a small one.
        if (toMegabytes(read) >= reported + PROGRESS_MB) {
          reported = toMegabytes(read);
          onProgress?.({ relation: name, megabytesSoFar: reported });
        }
      }
      return {
        state: 'done',
        relations: sizes.rows.length,
        megabytes: toMegabytes(read),
        seconds: Math.round((performance.now() - started) / 100) / 10,
      };
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return {
    done,
    stop() {
      stopped = true;
    },
  };
}
