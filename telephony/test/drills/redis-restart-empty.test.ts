import { describe, expect, it } from 'vitest';
import { redisLossDrill } from './lib/redis-loss';

describe('drill: Redis restarted empty under load', () => {
  it('a talking call and waiting callers all survive Redis losing its data, with nobody reconnecting: nothing lost', async () => {
    const lines: string[] = [];
    const figures = await redisLossDrill({ quick: true, log: (l) => lines.push(l) });
    console.log(`redis-restart-empty drill: ${JSON.stringify(figures)}`);
    expect({ ...figures, recovery_s: 0 }, lines.join('\n')).toEqual({
      calls_lost: 0,
      consultations_lost: 0,
      events_lost: 0,
      recovery_s: 0,
    });
    expect(figures.recovery_s).toBeGreaterThan(0);
  });
});
