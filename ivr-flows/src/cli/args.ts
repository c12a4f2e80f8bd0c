/** Tiny argv parser: positionals, `--flag`, `--key value` and `--key=value`. */
export interface Args {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: string[], booleanFlags: ReadonlySet<string>): Args {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (booleanFlags.has(arg.slice(2))) flags.set(arg.slice(2), true);
    else {
      const value = argv[i + 1];
      if (value === undefined) flags.set(arg.slice(2), true);
      else {
        flags.set(arg.slice(2), value);
        i++;
      }
    }
  }
  return { positionals, flags };
}
