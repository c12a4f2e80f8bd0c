import { describe, expect, it } from 'vitest';
import { recordingStorageDrill } from './lib/recording-storage';

describe('drill: recording storage refusing writes', () => {
  it('every recording is stored by the reconciler once the storage takes writes again; every call record closed', async () => {
    const lines: string[] = [];
    const figures = await recordingStorageDrill({ quick: true, log: (l) => lines.push(l) });
    console.log(`recording-storage drill: ${JSON.stringify(figures)}`);
    expect({ ...figures, recovery_s: 0 }, lines.join('\n')).toEqual({
      calls_lost: 0,
      consultations_lost: 0,
      events_lost: 0,
      recovery_s: 0,
    });
    expect(figures.recovery_s).toBeGreaterThan(0);
  });
});
