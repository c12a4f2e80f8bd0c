import { describe, expect, it } from 'vitest';
import { pgRestartDrill } from './lib/pg-restart';

describe('drill: PostgreSQL restarted (crash-stop) while calls end', () => {
  it('events wait in the outbox and write-ups are saved again: every record closes, every write-up stored once', async () => {
    const lines: string[] = [];
    const figures = await pgRestartDrill({ quick: true, log: (l) => lines.push(l) });
    console.log(`pg-restart drill: ${JSON.stringify(figures)}`);
    expect({ ...figures, recovery_s: 0 }, lines.join('\n')).toEqual({
      calls_lost: 0,
      consultations_lost: 0,
      events_lost: 0,
      recovery_s: 0,
    });
    expect(figures.recovery_s).toBeGreaterThan(0);
  });
});
