import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : [],
  );
const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);

describe('import boundaries', () => {
  it('ivr-flows uses no infrastructure clients', () => {
    const banned = /^(ari-client|ioredis|bullmq|pg|socket\.io|socket\.io-client|express|asterisk-manager)$/;
    expect(
      files(src).flatMap((f) =>
        imports(f)
          .filter((i) => banned.test(i))
          .map((i) => `${f}: ${i}`),
      ),
    ).toEqual([]);
  });
  it('the runner and the node units do no I/O', () => {
    const pure = [...files(join(src, 'runner')), ...files(join(src, 'nodes'))];
    expect(
      pure.flatMap((f) =>
        imports(f)
          .filter((i) => i.startsWith('node:'))
          .map((i) => `${f}: ${i}`),
      ),
    ).toEqual([]);
  });
});
