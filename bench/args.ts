/**
 * `npm run bench -- [--only a,b,…] [--quick] [--name=value …]`. `--only` (or BENCH_SUITES, the
 * old name) picks scenarios; `--quick` runs each with small bounded sizes; any other `--name=value`
 * is a scenario knob (e.g. `--reports-calls=1000000`), read by the scenario that names it.
 */
export interface BenchArgs {
  only: string[] | null;
  quick: boolean;
  flags: Record<string, string>;
}

export class ArgsError extends Error {}

export function parseArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): BenchArgs {
  let only: string[] | null = null;
  let quick = false;
  const flags: Record<string, string> = {};
  const list = (value: string | undefined, what: string) => {
    const names = (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (names.length === 0) throw new ArgsError(`${what} needs a comma-separated list of scenario names`);
    return names;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--only') only = list(argv[++i], '--only');
    else if (arg.startsWith('--only=')) only = list(arg.slice('--only='.length), '--only');
    else if (/^--[a-z][a-z0-9-]*=.+$/.test(arg)) {
      const eq = arg.indexOf('=');
      flags[arg.slice(2, eq)] = arg.slice(eq + 1);
    } else
      throw new ArgsError(`unknown argument '${arg}' (usage: npm run bench -- [--only a,b] [--quick] [--knob=value])`);
  }
  if (only === null && env.BENCH_SUITES?.trim()) only = list(env.BENCH_SUITES, 'BENCH_SUITES');
  return { only, quick, flags };
}

/** Checks `--only` names against the registry: a typo is an error, not a silently empty run. */
export function selectScenarios<T extends { name: string }>(all: readonly T[], only: string[] | null): T[] {
  if (!only) return [...all];
  const unknown = only.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length)
    throw new ArgsError(`unknown scenario(s) ${unknown.join(', ')}; known: ${all.map((s) => s.name).join(', ')}`);
  return all.filter((s) => only.includes(s.name));
}

/** A numeric knob: `--name=N` wins over the env variable, then the quick or full default. */
export function knob(
  ctx: { quick: boolean; flags: Record<string, string>; env: Record<string, string | undefined> },
  name: string,
  defaults: { quick: number; full: number },
  envName?: string,
): number {
  const raw = ctx.flags[name] ?? (envName ? ctx.env[envName] : undefined);
  if (raw === undefined) return ctx.quick ? defaults.quick : defaults.full;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new ArgsError(`--${name} must be a non-negative number, got '${raw}'`);
  return value;
}
