import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Lint-like guards for the structure STYLE.md asks for (no linter is configured repo-wide). */
const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]!);

describe('telephony boundaries', () => {
  it('keeps the core pure: no I/O libraries, no adapters, no app code', () => {
    const offenders = filesUnder(join(SRC, 'core')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => !(spec === 'zod' || spec === '@cc1357/contracts' || /^\.\/[\w-]+$/.test(spec)))
        .map((spec) => `${relative(SRC, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('reads the environment only where main.ts hands it to loadConfig', () => {
    const readers = filesUnder(SRC).filter((file) => /process\.env/.test(readFileSync(file, 'utf8'))).map((f) => relative(SRC, f));
    expect(readers.filter((f) => f !== 'app/config.ts' /* mentions it in a comment */)).toEqual(['main.ts']);
  });

  it('imports other workspaces only through their public entry', () => {
    const deep = filesUnder(SRC).flatMap((file) => importsOf(file).filter((spec) => /^@cc1357\/[^/]+\/.+/.test(spec)).map((spec) => `${relative(SRC, file)} imports ${spec}`));
    expect(deep).toEqual([]);
  });
});
