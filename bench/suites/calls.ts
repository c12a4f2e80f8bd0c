import { pino } from 'pino';
import pg from 'pg';
import { DEMO_PASSWORD, seed, SEED_USERS } from '@cc1357/crm-api';
import { createTestDatabase } from '@cc1357/crm-api/testing';
import {
  CrmClient,
  MENU_CHOICES,
  SimAgent,
  SimClient,
  pick,
  runCaller,
  seededRng,
  startCenter,
  type CallerScript,
} from '@cc1357/demo';
import { percentiles, type BenchContext, type BenchResult } from '../types';

/**
 * The whole call path under load, in one process: pbx-sim (media time compressed 20×),
 * telephony, crm-api on a seeded database, Redis; simulated agents answer over socket.io and
 * log a consultation. BENCH_CALLS calls (default 120), BENCH_CONCURRENCY at once (default 12).
 *
 * Latencies come from the call events telephony itself wrote to PostgreSQL, so they measure the
 * service, not this driver: arrival → answered (StasisStart to the IVR's answer), queue → offer
 * (the ACD's pick, atomic reservation and originate up to the ringing agent leg). Also reported:
 * completed calls per minute of wall time and the process RSS at the end.
 */

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const calls = Number(ctx.env.BENCH_CALLS ?? 120);
  const concurrency = Number(ctx.env.BENCH_CONCURRENCY ?? 12);
  const timeScale = 0.05;
  const logger = pino({ level: 'error' });
  const database = await createTestDatabase();
  const rssBefore = process.memoryUsage().rss;
  try {
    await seed(database.url, { companies: 300, seed: 1357 });
    const center = await startCenter({
      databaseUrl: database.url,
      redisUrl: ctx.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      authSecret: 'bench-secret-0123456789abcdef',
      timeScale,
      ringTimeoutSeconds: 60,
      wrapUpSeconds: 0,
      honorBusinessHours: false,
      withConsole: false,
      logger,
    });
    const crm = new CrmClient(center.crmUrl);
    const agentNames = SEED_USERS.filter((u) => u.agentId && u.role === 'counselor').map((u) => u.username);
    const bots = agentNames.map(
      (name, i) =>
        new SimAgent(
          name,
          DEMO_PASSWORD,
          crm,
          center.telephonyUrl,
          { timeScale, ringMs: [500, 1500], talkMs: [10_000, 30_000] },
          logger,
          i,
        ),
    );
    try {
      await Promise.all(bots.map((bot) => bot.start()));
      const sim = new SimClient(center.simUrl, center.simUsername, center.simPassword);
      const rng = seededRng(7);
      const timing = { timeScale, firstPressAfterMs: 7_000, retryAfterMs: 12_000, maxWaitMs: 600_000, pollMs: 1_000 };
      const started = Date.now();
      let next = 0;
      let answered = 0;
      const failures = new Map<string, number>();
      const worker = async () => {
        while (next < calls) {
          next++;
          const script: CallerScript = {
            from: `0212${String(next).padStart(6, '0')}`,
            choice: pick(rng, MENU_CHOICES),
            intent: 'talk',
            patienceMs: 0,
            expected: 'answered',
          };
          const result = await runCaller(sim, script, timing, logger);
          if (result.actual === 'answered') answered++;
          else
            failures.set(
              `${result.detail} (digits ${script.choice.digits})`,
              (failures.get(`${result.detail} (digits ${script.choice.digits})`) ?? 0) + 1,
            );
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      const wallSeconds = (Date.now() - started) / 1000;
      ctx.log(`${answered}/${calls} calls answered in ${wallSeconds.toFixed(1)} s (${concurrency} at once)`);
      for (const [detail, n] of failures) ctx.log(`  not answered ×${n}: ${detail}`);

      // Let the outbox deliver the last events, then read the latencies telephony recorded.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const db = new pg.Client({ connectionString: database.url });
      await db.connect();
      const latency = async (from: string, to: string) =>
        (
          await db.query<{ ms: number }>(
            `SELECT EXTRACT(EPOCH FROM (b.at - a.at)) * 1000 AS ms
               FROM (SELECT call_id, min(at) AS at FROM call_events WHERE type = $1 GROUP BY call_id) a
               JOIN (SELECT call_id, min(at) AS at FROM call_events WHERE type = $2 GROUP BY call_id) b USING (call_id)`,
            [from, to],
          )
        ).rows.map((r) => Number(r.ms));
      const arrivalToAnswer = await latency('call.arrived', 'call.answered');
      const queueToOffer = await latency('queue.entered', 'agent.offered');
      await db.end();
      const rss = process.memoryUsage().rss;
      const notes = {
        calls,
        answered,
        concurrency,
        wallSeconds,
        callsPerMinute: Math.round((answered / wallSeconds) * 60),
        rssMiB: Math.round(rss / 1048576),
        rssGrowthMiB: Math.round((rss - rssBefore) / 1048576),
      };
      return [
        { suite: 'calls', name: 'arrival → answered (telephony)', ...percentiles(arrivalToAnswer), notes },
        { suite: 'calls', name: 'queue → agent offered (ACD)', ...percentiles(queueToOffer), notes },
      ];
    } finally {
      await Promise.all(bots.map((bot) => bot.stop()));
      await center.close();
    }
  } finally {
    await database.drop();
  }
}
