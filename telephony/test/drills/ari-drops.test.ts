import { describe, expect, it } from 'vitest';
import { ariDropsDrill } from './lib/ari-drops';

describe('drill: the ARI socket dropping again and again', () => {
  it('callers hanging up and giving up while ARI is cut are all ended, the queue is served in turn: nothing lost', async () => {
    const lines: string[] = [];
    const figures = await ariDropsDrill({ quick: true, log: (l) => lines.push(l) });
    console.log(`ari-drops drill: ${JSON.stringify(figures)}`);
    expect({ ...figures, recovery_s: 0 }, lines.join('\n')).toEqual({
      calls_lost: 0,
      consultations_lost: 0,
      events_lost: 0,
      recovery_s: 0,
    });
    expect(figures.recovery_s).toBeGreaterThan(0);
  });
});
