import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_RATE, DEMO_BOTS } from './traffic';

/** Command line and environment of `npm run demo`, parsed once. */

export const DemoOptions = z.object({
  smoke: z.boolean(),
  /** Calls per minute the caller generator places (0 = none; place calls by hand). */
  rate: z.number().min(0).max(600),
  /** Console port; null = no console (the smoke run without --port). 0 = any free port. */
  port: z.number().int().min(0).max(65535).nullable(),
  timeScale: z.number().positive().max(10),
  seed: z.number().int(),
  keepData: z.boolean(),
  honorHours: z.boolean(),
  companies: z.number().int().min(10).max(1_000_000),
  databaseUrl: z.string().url(),
  redisUrl: z.string().url(),
  authSecret: z.string().min(16),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
});
export type DemoOptions = z.infer<typeof DemoOptions>;

export const USAGE = `npm run demo [-- options]
  --smoke            run a short scripted session on a throwaway database beside DATABASE_URL's (dropped at the end),
                     print one summary line, exit 0 only if every call ended as expected
  --rate N           simulated calls per minute (default ${DEFAULT_RATE}: what the ${DEMO_BOTS.length} simulated agents take with quiet moments;
                     raise it, e.g. --rate 6, to see queues back up)
  --port N           console port (default 8080; with --smoke the console is served only when --port is given)
  --time-scale X     media/ring time scale of the simulated PBX (default 1 = real time)
  --seed N           seed for simulated callers and agents (default 1357)
  --companies N      companies to seed in the CRM (default 300)
  --keep-data        keep the demo database instead of seeding it afresh
  --honor-hours      follow business hours (weekdays 09:00–18:00 KST, holidays closed); by default the demo is open around the clock
env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/cc1357_demo), REDIS_URL (default redis://127.0.0.1:6379), LOG_LEVEL`;

export function parseDemoOptions(argv: readonly string[], env: NodeJS.ProcessEnv): DemoOptions {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}\n${USAGE}`);
    const [key, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const next = argv[i + 1];
    if (inline !== undefined) flags.set(key, inline);
    else if (next !== undefined && !next.startsWith('--')) {
      flags.set(key, next);
      i++;
    } else flags.set(key, true);
  }
  const known = new Set([
    'smoke',
    'rate',
    'port',
    'time-scale',
    'seed',
    'keep-data',
    'honor-hours',
    'companies',
    'help',
  ]);
  for (const key of flags.keys()) if (!known.has(key)) throw new Error(`unknown option --${key}\n${USAGE}`);
  if (flags.has('help')) throw new Error(USAGE);
  const num = (key: string, fallback: number) => (flags.has(key) ? Number(flags.get(key)) : fallback);
  const smoke = flags.has('smoke');
  const parsed = DemoOptions.safeParse({
    smoke,
    rate: num('rate', DEFAULT_RATE),
    port: flags.has('port') ? Number(flags.get('port')) : smoke ? null : 8080,
    timeScale: num('time-scale', smoke ? 0.1 : 1),
    seed: num('seed', 1357),
    keepData: flags.has('keep-data'),
    honorHours: flags.has('honor-hours'),
    companies: num('companies', 300),
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cc1357_demo',
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    // The demo mints a fresh secret per run: its tokens mean nothing outside this process.
    authSecret: env.AUTH_SECRET ?? randomBytes(24).toString('hex'),
    // The terminal shows the URLs and problems; LOG_LEVEL=info shows every call transition.
    logLevel: env.LOG_LEVEL ?? 'warn',
  });
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') + `\n${USAGE}`);
  }
  return parsed.data;
}
