import type { CallerSamples, CallerScript, ExpectedEnd } from './caller-plan';
import { MENU_CHOICES, newCallerNumber } from './caller-plan';
import { deskCounts, type DeskAction } from './desk-plan';
import type { Rng } from './rng';

/**
 * The scripted smoke session: a fixed mix that touches every end a call can reach — answered
 * from each kind of caller (known, shared number, new, withheld), abandoned in queue, and hung
 * up in the IVR — and every desk feature a counselor uses on a talking caller (hold and resume,
 * a blind transfer to the queue and one to a named counselor, a relay to a partner center), so
 * one summary line says whether the center works.
 */
export function smokeScripts(samples: CallerSamples, rng: Rng): CallerScript[] {
  const choice = (digits: string) => {
    const found = MENU_CHOICES.find((c) => c.digits === digits);
    if (!found) throw new Error(`no menu choice ${digits}`);
    return found;
  };
  const known = (i: number) => samples.known[i % Math.max(1, samples.known.length)] ?? newCallerNumber(rng);
  const shared = samples.shared[0] ?? known(9);
  const talk = (from: string, digits: string, desk: DeskAction): CallerScript => ({
    from,
    choice: choice(digits),
    intent: 'talk',
    patienceMs: 0,
    expected: 'answered',
    desk,
  });
  return [
    talk(known(0), '1', 'hold'),
    talk(known(1), '21', 'transferQueue'),
    talk(newCallerNumber(rng), '0', 'relay'),
    talk('', '1', 'transferAgent'),
    talk(shared, '3', 'plain'),
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
  /** Recordings finalised and indexed by crm-api: every conversation with a counselor is recorded. */
  recordings: number;
  /** Blind transfers to a queue or a counselor (crm-api's `call.transferred` events, partners aside). */
  transfers: number;
  /** Relay packages the simulated partner receiver verified and acknowledged. */
  relays: number;
  /** Checked, not printed: the transfers that went to a named counselor, and holds resumed. */
  counselorTransfers: number;
  holds: number;
}

/** What the summary line shows, in order. */
const SUMMARY_KEYS = [
  'offered',
  'answered',
  'abandoned',
  'consultations',
  'recordings',
  'transfers',
  'relays',
] as const;
const COUNT_KEYS = [...SUMMARY_KEYS, 'counselorTransfers', 'holds'] as const;

/** What the CRM must show after the scripted session, derived from the scripts themselves. */
export function expectedCounts(scripts: readonly CallerScript[]): SmokeCounts {
  const count = (end: ExpectedEnd) => scripts.filter((s) => s.expected === end).length;
  const desk = deskCounts(scripts.filter((s) => s.expected === 'answered').map((s) => s.desk ?? 'plain'));
  return {
    // A transfer to the call's own queue or to a counselor is no new offer: the call keeps its queue stay.
    offered: count('answered') + count('abandoned'),
    answered: count('answered'),
    abandoned: count('abandoned'),
    // One per answered call: a transferred call's by the counselor who finishes it, a relayed one's before the relay.
    consultations: count('answered'),
    // Each counselor who talks to the caller makes a recording: a transfer adds the next counselor's.
    recordings: count('answered') + desk.transfers,
    transfers: desk.transfers,
    relays: desk.relays,
    counselorTransfers: desk.counselorTransfers,
    holds: desk.holds,
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
  for (const key of COUNT_KEYS) {
    if (expected[key] !== actual[key])
      problems.push(
        `${key}: expected ${expected[key]}, ${key === 'relays' ? 'the partner acknowledged' : 'CRM shows'} ${actual[key]}`,
      );
  }
  return { ok: problems.length === 0, problems };
}

export function summaryLine(counts: SmokeCounts): string {
  return SUMMARY_KEYS.map((key) => `${key}=${counts[key]}`).join(' ');
}
