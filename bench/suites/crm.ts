import {
  callerPop,
  companyRecommendations,
  createCatalogueCache,
  createPool,
  migrate,
  prewarmPopReads,
  searchCompanies,
  seedScale,
  type Actor,
  type ServiceContext,
} from '@cc1357/crm-api/bench';
import { seededRng } from '@cc1357/demo';
import pg from 'pg';
import pino from 'pino';
import { measure, type BenchContext, type BenchResult } from '../types';

/**
 * crm-api hot paths against a seeded database: the screen pop (number → full pop), company
 * name search and recommendations, each called in-process through its service (SQL + audit
 * write included, HTTP excluded). BENCH_COMPANIES (default 200000) sizes the data at the
 * national ratios; the database is seeded once and reused (BENCH_DATABASE_URL to point at one,
 * e.g. the full 8.04 M database). BENCH_SAMPLES (default 1000) per measurement; BENCH_SEED
 * (default 1357) chooses the sampled companies.
 */
const TARGETS = { pop: 5, search: 50, recommendations: 20 };

function mobileOf(i: number): string {
  // Same bijection as crm-api/src/seed/scaleSql.ts mobileOfSql.
  return `010${String((i * 48271 + 12345) % 100_000_000).padStart(8, '0')}`;
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const companies = Number(ctx.env.BENCH_COMPANIES ?? 200_000);
  const samples = Number(ctx.env.BENCH_SAMPLES ?? 1000);
  const url = ctx.env.BENCH_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/cc1357_bench_${companies}`;
  const probe = new pg.Client({ connectionString: url });
  let present: number;
  let seedSeconds: number | null = null;
  try {
    await probe.connect();
    present = Number((await probe.query<{ n: string }>('SELECT max(id)::text AS n FROM companies')).rows[0]?.n ?? 0);
  } catch {
    present = 0;
  } finally {
    await probe.end().catch(() => undefined);
  }
  if (present !== companies) {
    if (present > 0)
      throw new Error(`${url} holds ${present} companies, not ${companies}: drop it or set BENCH_DATABASE_URL`);
    ctx.log(`seeding ${companies} companies into ${url} …`);
    const seeded = await seedScale({
      databaseUrl: url,
      companies,
      consultations: Math.round((companies * 20) / 8.04),
      support: Math.round((companies * 30) / 8.04),
      log: ctx.log,
    });
    seedSeconds = seeded.totalSeconds;
    ctx.log(`seeded in ${seeded.totalSeconds} s`);
  } else {
    ctx.log(`reusing ${url} (${companies} companies); applying any new migrations`);
    await migrate(url);
  }

  // The same two pools as the server: reads with their audit row commit asynchronously (docs/decisions/0005).
  const db = createPool(url, 4);
  const readAuditDb = createPool(url, 4, { asyncCommit: true, genericPlans: true });
  const svc: ServiceContext = {
    db,
    readAuditDb,
    catalogue: createCatalogueCache(),
    log: pino({ level: 'silent' }),
    now: () => new Date(),
    authSecret: 'bench-secret-0123456789',
    tokenTtlSeconds: 3600,
  };
  const actor: Actor = { sub: 'bench', username: 'bench', role: 'service', skills: [] };
  try {
    const sizes = (
      await db.query<{ consultations: string; support: string; bytes: string }>(
        `SELECT (SELECT reltuples::bigint FROM pg_class WHERE relname = 'consultations')::text AS consultations,
              (SELECT reltuples::bigint FROM pg_class WHERE relname = 'support_history')::text AS support,
              pg_database_size(current_database())::text AS bytes`,
      )
    ).rows[0]!;
    // As crm-api does when it starts (POP_PREWARM, on by default): the pop's relations into the
    // page cache. BENCH_POP_PREWARM=off measures a pop that finds them where the seed left them.
    const prewarm =
      ctx.env.BENCH_POP_PREWARM === 'off'
        ? null
        : await prewarmPopReads(url, (p) =>
            ctx.log(`warming the pop's relations: ${p.megabytesSoFar} MB (${p.relation})`),
          ).done;
    if (prewarm) ctx.log(`pop relations: ${JSON.stringify(prewarm)}`);
    const notes = {
      companies,
      ...(prewarm?.state === 'done' ? { prewarmSeconds: prewarm.seconds, prewarmMegabytes: prewarm.megabytes } : {}),
      consultationsApprox: Number(sizes.consultations),
      supportApprox: Number(sizes.support),
      databaseGiB: Math.round((Number(sizes.bytes) / 2 ** 30) * 100) / 100,
      ...(seedSeconds !== null ? { seedSeconds } : {}),
    };
    // BENCH_SEED picks other companies: a run after another with the same seed finds their pages cached.
    const random = seededRng(Number(ctx.env.BENCH_SEED ?? 1357));
    const companyIds = Array.from({ length: samples + 100 }, () => 1 + Math.floor(random() * companies));

    // Search inputs the way counselors type them: a full name, a 2-syllable start, a 3–4 syllable fragment, a typo.
    const { rows: names } = await db.query<{ search_name: string }>(
      `SELECT search_name FROM companies WHERE id = ANY($1::bigint[])`,
      [companyIds.slice(0, 400)],
    );
    const queries = names.flatMap(({ search_name: n }) => {
      const chars = [...n];
      const typo = chars.length > 3 ? [...chars.slice(0, -2), '읏', chars[chars.length - 1]].join('') : n;
      return [n, chars.slice(0, 2).join(''), chars.slice(1, Math.min(chars.length, 4)).join(''), typo];
    });

    const results: BenchResult[] = [];
    const mark = (name: string, target: number, m: Awaited<ReturnType<typeof measure>>) => {
      results.push({
        suite: 'crm',
        name,
        ...m,
        targetP99Ms: target,
        notes: { ...notes, rssMiB: Math.round(process.memoryUsage().rss / 1048576) },
      });
      ctx.log(`${name}: p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms`);
    };
    mark(
      'caller pop (known number, full pop)',
      TARGETS.pop,
      await measure(samples, 100, (i) => callerPop(svc, actor, mobileOf(companyIds[i % companyIds.length]!))),
    );
    mark(
      'company name search',
      TARGETS.search,
      await measure(samples, 50, (i) =>
        searchCompanies(svc, { ...actor, role: 'counselor' }, { q: queries[i % queries.length]!, limit: 20 }),
      ),
    );
    mark(
      'recommendations',
      TARGETS.recommendations,
      await measure(samples, 100, (i) =>
        companyRecommendations(svc, actor, String(companyIds[i % companyIds.length]!)),
      ),
    );
    return results;
  } finally {
    await Promise.all([db.end(), readAuditDb.end()]);
  }
}
