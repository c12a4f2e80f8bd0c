import { describe, expect, it } from 'vitest';
import { pbxKillDrill } from './lib/pbx-kill';

describe('drill: the PBX SIGKILLed with calls up, then started again empty', () => {
  it('the cut calls are reported and every record closes the right way; the next caller is served', async () => {
    const lines: string[] = [];
    const figures = await pbxKillDrill({ quick: true, log: (l) => lines.push(l) });
    console.log(`pbx-killed drill: ${JSON.stringify(figures)}`);
    expect({ ...figures, recovery_s: 0 }, lines.join('\n')).toEqual({
      calls_lost: 0,
      consultations_lost: 0,
      events_lost: 0,
      recovery_s: 0,
      // Unavoidable, and said: the quick run has 2 talking and 2 waiting on the PBX that dies.
      calls_cut: 4,
    });
    expect(figures.recovery_s).toBeGreaterThan(0);
  });
});
