import { describe, expect, it } from 'vitest';
import { type Closure, type OpenCall, type StaleCallRules, staleCallsToClose } from '../../src/domain/staleCalls';

/** Which open call records the reconciler closes: a table of cases. */
const NOW = new Date('2026-12-02T03:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const rules: StaleCallRules = { now: NOW, staleAfterMs: 4 * HOUR };

type Row = [string, OpenCall, Partial<StaleCallRules>, Closure['reason'] | null];
const rows: Row[] = [
  ['a call heard from a minute ago stays open', { callId: 'c', lastEventAt: ago(MIN) }, {}, null],
  ['a call silent for longer than any call lasts is closed', { callId: 'c', lastEventAt: ago(5 * HOUR) }, {}, 'stale'],
  ['exactly at the limit: closed', { callId: 'c', lastEventAt: ago(4 * HOUR) }, {}, 'stale'],
  [
    'the PBX side no longer has it: closed once past the grace',
    { callId: 'c', lastEventAt: ago(2 * MIN) },
    { live: new Set(['other']) },
    'notOnPbx',
  ],
  [
    'not live but just arrived: left alone (its live state may not be visible yet)',
    { callId: 'c', lastEventAt: ago(10_000) },
    { live: new Set() },
    null,
  ],
  [
    'live on the PBX side and recent: stays open',
    { callId: 'c', lastEventAt: ago(2 * MIN) },
    { live: new Set(['c']) },
    null,
  ],
  [
    'live but silent for longer than any call: closed all the same',
    { callId: 'c', lastEventAt: ago(5 * HOUR) },
    { live: new Set(['c']) },
    'stale',
  ],
];

describe('staleCallsToClose', () => {
  it.each(rows)('%s', (_name, open, extra, reason) => {
    const out = staleCallsToClose([open], { ...rules, ...extra });
    expect(out).toEqual(reason ? [{ callId: 'c', at: open.lastEventAt, reason }] : []);
  });

  it('never writes an end later than now (an event stamped in the future)', () => {
    const future = new Date(NOW.getTime() + MIN);
    const [closed] = staleCallsToClose([{ callId: 'c', lastEventAt: future }], {
      ...rules,
      live: new Set(),
      graceMs: -2 * MIN,
    });
    expect(closed?.at).toEqual(NOW);
  });

  it('refuses a limit that is not a positive duration', () => {
    expect(() => staleCallsToClose([], { ...rules, staleAfterMs: 0 })).toThrow(/staleAfterMs/);
    expect(() => staleCallsToClose([], { ...rules, staleAfterMs: Number.NaN })).toThrow(/staleAfterMs/);
  });
});
