import { describe, expect, it } from 'vitest';
import { redisPersistentDrill } from './lib/redis-loss';

describe('drill: Redis restarted with its append-only file under load', () => {
  it('a talking call and waiting callers all carry on through a clean Redis restart with persistence: nothing lost', async () => {
    const lines: string[] = [];
    const figures = await redisPersistentDrill({ quick: true, log: (l) => lines.push(l) });
    console.log(`redis-restart-persistent drill: ${JSON.stringify(figures)}`);
    expect({ ...figures, recovery_s: 0 }, lines.join('\n')).toEqual({
      calls_lost: 0,
      consultations_lost: 0,
      events_lost: 0,
      recovery_s: 0,
    });
    expect(figures.recovery_s).toBeGreaterThan(0);
  });
});
