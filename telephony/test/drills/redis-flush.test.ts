import { describe, expect, it } from 'vitest';
import { redisFlushDrill } from './lib/redis-loss';

describe('drill: Redis flushed under load', () => {
  it('a talking call and waiting callers all survive a FLUSHALL (no reconnect to tell telephony), with nobody reconnecting: nothing lost', async () => {
    const lines: string[] = [];
    const figures = await redisFlushDrill({ quick: true, log: (l) => lines.push(l) });
    console.log(`redis-flush drill: ${JSON.stringify(figures)}`);
    expect({ ...figures, recovery_s: 0 }, lines.join('\n')).toEqual({
      calls_lost: 0,
      consultations_lost: 0,
      events_lost: 0,
      recovery_s: 0,
    });
    expect(figures.recovery_s).toBeGreaterThan(0);
  });
});
