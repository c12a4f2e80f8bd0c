import { describe, expect, it } from 'vitest';
import { pgRestartDrill } from './lib/pg-restart';
import { privatePostgresMissing } from './lib/private-postgres';

// The drill starts a PostgreSQL server of its own; without the server binaries it cannot, and says why.
const missing = privatePostgresMissing();
if (missing) console.info(`pg-restart drill skipped: ${missing}`);

describe.skipIf(missing)('drill: PostgreSQL restarted (crash-stop) while calls end', () => {
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
    // Hang guard, not a speed limit: this drill also creates, migrates and seeds a server of its
    // own and starts crm-api as a process; on a loaded 2-core machine that alone took over a minute.
  }, 300_000);
});
