import { describe, expect, it } from 'vitest';
import { sigkillDrill } from './lib/sigkill';

describe('drill: telephony SIGKILL under load', () => {
  it('callers talking, queued and in the IVR all survive a SIGKILL and restart: nothing lost', async () => {
    const lines: string[] = [];
    const figures = await sigkillDrill({ quick: true, log: (l) => lines.push(l) });
    console.log(`sigkill drill: ${JSON.stringify(figures)}`);
    expect({ ...figures, recovery_s: 0 }, lines.join('\n')).toEqual({
      calls_lost: 0,
      consultations_lost: 0,
      events_lost: 0,
      recovery_s: 0,
    });
    expect(figures.recovery_s).toBeGreaterThan(0);
  });
});
