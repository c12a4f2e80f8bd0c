import type { CallerSamples, CallerScript, ExpectedEnd } from './caller-plan';
import { MENU_CHOICES, newCallerNumber } from './caller-plan';
import type { Rng } from './rng';

/**
 * The scripted smoke session: a fixed mix that touches every end a call can reach — answered
 * from each kind of caller (known, shared number, new, withheld), abandoned in queue, and hung
 * up in the IVR — so one summary line says whether the center works.
 */
export function smokeScripts(samples: CallerSamples, rng: Rng): CallerScript[] {
  const choice = (digits: string) => {
    const found = MENU_CHOICES.find((c) => c.digits === digits);
    if (!found) throw new Error(`no menu choice ${digits}`);
    return found;
  };
  const known = (i: number) => samples.known[i % Math.max(1, samples.known.length)] ?? newCallerNumber(rng);
  const shared = samples.shared[0] ?? known(9);
  const talk = (from: string, digits: string): CallerScript => ({
    from,
    choice: choice(digits),
    intent: 'talk',
    patienceMs: 0,
    expected: 'answered',
  });
  return [
    talk(known(0), '1'),
    talk(known(1), '21'),
    talk(newCallerNumber(rng), '0'),
    talk('', '1'),
    talk(shared, '3'),
    { from: known(2), choice: choice('1'), intent: 'abandonInQueue', patienceMs: 0, expected: 'abandoned' },
    { from: newCallerNumber(rng), choice: choice('0'), intent: 'abandonInQueue', patienceMs: 0, expected: 'abandoned' },
    { from: known(3), choice: choice('1'), intent: 'hangupInIvr', patienceMs: 0, expected: 'endedInIvr' },
  ];
}

export interface SmokeCounts {
  offered: number;
  answered: number;
  abandoned: number;
  consultations: number;
  /** Recordings finalised and indexed by crm-api: every answered call is recorded. */
  recordings: number;
}

/** What the CRM must show after the scripted session, derived from the scripts themselves. */
export function expectedCounts(scripts: readonly CallerScript[]): SmokeCounts {
  const count = (end: ExpectedEnd) => scripts.filter((s) => s.expected === end).length;
  return {
    offered: count('answered') + count('abandoned'),
    answered: count('answered'),
    abandoned: count('abandoned'),
    consultations: count('answered'),
    recordings: count('answered'),
  };
}

export interface SmokeVerdict {
  ok: boolean;
  problems: string[];
}

export function judgeSmoke(
  results: ReadonlyArray<{ script: CallerScript; actual: string; detail: string; channelId: string | null }>,
  expected: SmokeCounts,
  actual: SmokeCounts,
): SmokeVerdict {
  const problems: string[] = [];
  results.forEach((result, i) => {
    if (result.actual !== result.script.expected) {
      problems.push(
        `call ${i + 1} (${result.script.from || 'withheld'} → ${result.script.choice.digits}): expected ${result.script.expected}, got ${result.actual} (${result.detail})`,
      );
    }
  });
  for (const key of ['offered', 'answered', 'abandoned', 'consultations', 'recordings'] as const) {
    if (expected[key] !== actual[key]) problems.push(`${key}: expected ${expected[key]}, CRM shows ${actual[key]}`);
  }
  return { ok: problems.length === 0, problems };
}

export function summaryLine(counts: SmokeCounts): string {
  return `offered=${counts.offered} answered=${counts.answered} abandoned=${counts.abandoned} consultations=${counts.consultations} recordings=${counts.recordings}`;
}
