import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main';
import { defaultFlowsDir, loadFlowSet } from '../src/index';

/**
 * Golden traces of the shipped 1357 tree: one per path a caller can take. Each file is the
 * exact output of `npm run ivr -- simulate main <args>`. After a deliberate flow change:
 * `UPDATE_GOLDEN=1 npx vitest run --project ivr-flows test/golden.test.ts`, then review the diff.
 */
const OPEN = '2026-12-01T10:00+09:00';
const EVENING = '2026-12-01T20:00+09:00';
const LANDLINE = '0212345678';
const MOBILE = '01012345678';

export const SCENARIOS: Record<string, string[]> = {
  fund: ['--digits', '1', '--at', OPEN, '--caller', LANDLINE],
  'fund-overflow-callback': ['--digits', '1,1', '--at', OPEN, '--caller', LANDLINE, '--ewt', '600'],
  'fund-overflow-keep-waiting': ['--digits', '1,2', '--at', OPEN, '--caller', LANDLINE, '--ewt', '600'],
  'fund-overflow-no-answer': ['--digits', '1', '--at', OPEN, '--caller', LANDLINE, '--ewt', '600'],
  'startup-pre': ['--digits', '2,1', '--at', OPEN, '--caller', LANDLINE],
  'startup-solo': ['--digits', '2,2', '--at', OPEN, '--caller', LANDLINE],
  'startup-venture': ['--digits', '2,3', '--at', OPEN, '--caller', LANDLINE],
  'startup-no-choice': ['--digits', '2', '--at', OPEN, '--caller', LANDLINE],
  'startup-back-to-main': ['--digits', '2,#,1', '--at', OPEN, '--caller', LANDLINE],
  'startup-overflow-callback-withheld': ['--digits', '2,1,1,0212345678#', '--at', OPEN, '--ewt', '600'],
  'startup-overflow-keep-waiting': ['--digits', '2,2,2', '--at', OPEN, '--caller', LANDLINE, '--ewt', '600'],
  merchant: ['--digits', '3', '--at', OPEN, '--caller', LANDLINE],
  'merchant-overflow-callback': ['--digits', '3,1', '--at', OPEN, '--caller', LANDLINE, '--ewt', '900'],
  'rnd-keit': ['--digits', '4,1', '--at', OPEN, '--caller', LANDLINE],
  'rnd-tipa': ['--digits', '4,2', '--at', OPEN, '--caller', LANDLINE],
  'rnd-coop': ['--digits', '4,3', '--at', OPEN, '--caller', LANDLINE],
  'rnd-overflow-callback': ['--digits', '4,3,1', '--at', OPEN, '--caller', LANDLINE, '--ewt', '600'],
  export: ['--digits', '5,1', '--at', OPEN, '--caller', LANDLINE],
  'export-overflow-callback': ['--digits', '5,1,1', '--at', OPEN, '--caller', LANDLINE, '--ewt', '600'],
  'fta-transfer': ['--digits', '5,2', '--at', OPEN, '--caller', LANDLINE],
  hr: ['--digits', '6', '--at', OPEN, '--caller', LANDLINE],
  'hr-overflow-callback': ['--digits', '6,1', '--at', OPEN, '--caller', LANDLINE, '--ewt', '600'],
  'sms-mobile-caller': ['--digits', '7,1', '--at', OPEN, '--caller', MOBILE],
  'sms-landline-types-mobile': ['--digits', '7,2,01098765432', '--at', OPEN, '--caller', LANDLINE],
  'sms-bad-number-then-good': ['--digits', '7,3,0212345678#,0109876543#', '--at', OPEN, '--caller', LANDLINE],
  'sms-no-number': ['--digits', '7,1', '--at', OPEN, '--caller', LANDLINE],
  'sms-no-topic': ['--digits', '7', '--at', OPEN, '--caller', MOBILE],
  'general-known-caller': ['--digits', '0', '--at', OPEN, '--caller', LANDLINE, '--known'],
  general: ['--digits', '0', '--at', OPEN, '--caller', LANDLINE],
  'general-overflow-callback': ['--digits', '0,1', '--at', OPEN, '--caller', LANDLINE, '--ewt', '600'],
  'main-invalid-then-fund': ['--digits', '9,1', '--at', OPEN, '--caller', LANDLINE],
  'main-no-input': ['--at', OPEN, '--caller', LANDLINE],
  'main-repeat-then-merchant': ['--digits', '*,3', '--at', OPEN, '--caller', LANDLINE],
  'barge-in-fund': ['--digits', '1', '--at', OPEN, '--caller', LANDLINE, '--barge-in'],
  'after-hours-callback': ['--digits', '1', '--at', EVENING, '--caller', LANDLINE],
  'after-hours-callback-withheld': ['--digits', '1,0311234567#', '--at', EVENING],
  'after-hours-callback-give-up': ['--digits', '1', '--at', EVENING],
  'after-hours-sms': ['--digits', '2,1', '--at', '2026-12-05T11:00+09:00', '--caller', MOBILE],
  'after-hours-goodbye': ['--at', EVENING, '--caller', LANDLINE],
  'holiday-chuseok-callback': ['--digits', '1', '--at', '2026-09-25T10:00+09:00', '--caller', MOBILE],
  'holiday-seollal-goodbye': ['--at', '2026-02-17T11:00+09:00', '--caller', LANDLINE],
  'holiday-substitute-barge-in-sms': [
    '--digits',
    '2,3',
    '--at',
    '2026-03-02T10:00+09:00',
    '--caller',
    MOBILE,
    '--barge-in',
  ],
};

const goldenDir = fileURLToPath(new URL('./golden/', import.meta.url));

async function trace(args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCli(['simulate', 'main', ...args], {
    out: (l) => lines.push(l),
    err: (l) => lines.push(`stderr: ${l}`),
  });
  return { code, text: `${lines.join('\n')}\n` };
}

describe('golden traces of the 1357 tree', () => {
  it.each(Object.entries(SCENARIOS))('%s', async (name, args) => {
    const { code, text } = await trace(args);
    const file = `${goldenDir}${name}.txt`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
    expect(existsSync(file), `missing ${file}: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(code).toBe(0);
    expect(text).not.toMatch(/unused digits|stalled/);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });

  it('together they visit every node of the shipped set', async () => {
    const set = await loadFlowSet(defaultFlowsDir);
    const visited = new Set<string>();
    for (const name of Object.keys(SCENARIOS)) {
      for (const line of readFileSync(`${goldenDir}${name}.txt`, 'utf8').split('\n')) {
        const m = /^→ (\S+) \[/.exec(line);
        if (m) visited.add(m[1]!);
      }
    }
    const all = Object.values(set.flows).flatMap((f) => Object.keys(f.nodes));
    expect(all.filter((id) => !visited.has(id))).toEqual([]);
  });
});
