import { parseArgs } from 'node:util';
import { migrate } from '../db/migrate';
import { seed, seedSampleCallers } from './seed';

/**
 * Migrate + seed a database for the demo:
 *   DATABASE_URL=postgres://… npx tsx crm-api/src/seed/main.ts [--companies 200] [--seed 1357]
 * Prints a JSON summary (and sample caller numbers) on stdout.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      companies: { type: 'string' },
      seed: { type: 'string' },
      'database-url': { type: 'string' },
    },
  });
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL (or --database-url) is required');
  const companies = values.companies === undefined ? undefined : Number(values.companies);
  const rngSeed = values.seed === undefined ? undefined : Number(values.seed);
  if (companies !== undefined && (!Number.isInteger(companies) || companies < 0 || companies > 1_000_000)) {
    throw new Error('--companies must be an integer between 0 and 1000000');
  }
  if (rngSeed !== undefined && !Number.isInteger(rngSeed)) throw new Error('--seed must be an integer');
  const migrated = await migrate(databaseUrl);
  const result = await seed(databaseUrl, {
    ...(companies !== undefined ? { companies } : {}),
    ...(rngSeed !== undefined ? { seed: rngSeed } : {}),
  });
  const callers = await seedSampleCallers(databaseUrl, 5);
  process.stdout.write(
    `${JSON.stringify({ migrated: migrated.applied, seeded: result, sampleCallers: callers }, null, 2)}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`seed failed: ${(err as Error).message}\n`);
  process.exit(1);
});
