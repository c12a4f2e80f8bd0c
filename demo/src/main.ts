import { pino } from 'pino';
import { PARTNER_IDS } from '@cc1357/contracts';
import {
  DEMO_PASSWORD,
  backfillReportFactsAt,
  migrate,
  partnerCenters,
  seed,
  seedSampleCallers,
} from '@cc1357/crm-api';
import { DEMO_AGENT_TIMING, DEMO_BOTS } from './traffic';
import { consolePortProblem, endpointsOf, preflight } from './preflight';
import { parseDemoOptions, type DemoOptions } from './options';
import {
  countConsultations,
  countStoredRecordings,
  countDeskEvents,
  createThrowawayDatabase,
  ensureDatabase,
  recreateDatabase,
} from './demo-database';
import { startCenter, type Center, type CenterOptions } from './center';
import { SimClient } from './sim-client';
import { CrmClient } from './crm-client';
import { SimAgent } from './sim-agents';
import { planCaller } from './caller-plan';
import { runCaller, type CallerResult, type CallerTiming } from './callers';
import { seededRng } from './rng';
import { expectedCounts, judgeSmoke, smokeScripts, summaryLine, type SmokeCounts } from './smoke-plan';
import { DeskPlan, planDeskAction } from './desk-plan';
import { startPartnerReceiver, type PartnerReceiver } from './partner-receiver';
import { startPartnerDesks, type PartnerDeskTiming, type PartnerDesks } from './partner-desk';
import { demoPartnerFile, mintPartnerSecrets, partnerEndpoint } from './demo-partners';

/** The seeded counselors the demo's simulated agents log in as. */
const BOT_ACCOUNTS = DEMO_BOTS.map((u) => u.username);

async function main(): Promise<number> {
  let options: DemoOptions;
  try {
    options = parseDemoOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const logger = pino({ level: options.logLevel, base: undefined });

  const unreachable = await preflight(endpointsOf(options.databaseUrl, options.redisUrl));
  if (unreachable) {
    console.error(unreachable);
    return 1;
  }
  // Ports before databases: nothing is recreated or seeded for a run that cannot start.
  const busy = await consolePortProblem(options.port);
  if (busy) {
    console.error(busy);
    return 1;
  }
  return options.smoke ? runSmoke(options, logger) : runDemo(options, logger);
}

function callerTiming(timeScale: number): CallerTiming {
  return { timeScale, firstPressAfterMs: 7_000, retryAfterMs: 12_000, maxWaitMs: 240_000, pollMs: 500 };
}

async function startBots(
  center: Center,
  options: DemoOptions,
  logger: pino.Logger,
  ringMs: [number, number],
  talkMs: [number, number],
  desk: DeskPlan,
) {
  const crm = new CrmClient(center.crmUrl);
  const bots = BOT_ACCOUNTS.map(
    (username, i) =>
      new SimAgent(
        username,
        DEMO_PASSWORD,
        crm,
        center.telephonyUrl,
        { timeScale: options.timeScale, ringMs, talkMs },
        logger,
        options.seed + i,
        desk,
      ),
  );
  await Promise.all(bots.map((bot) => bot.start()));
  return bots;
}

/** The partner centers' systems (a webhook receiver) and their configuration for crm-api. */
async function startPartnerSystems(options: DemoOptions) {
  const secrets = mintPartnerSecrets();
  const receiver = await startPartnerReceiver({ secrets });
  const partners = partnerCenters(
    demoPartnerFile({ webhookUrl: receiver.webhookUrl, secrets, alwaysOpen: !options.honorHours }),
  );
  return { receiver, partners };
}

/** The partners' counselors on pbx-sim: they pick up relayed calls at the partners' numbers. */
function partnerDesks(sim: SimClient, timing: PartnerDeskTiming, seed: number, logger: pino.Logger) {
  return startPartnerDesks(sim, PARTNER_IDS.map(partnerEndpoint), timing, seededRng(seed), logger);
}

async function startDemoCenter(
  options: Omit<CenterOptions, 'partners'>,
  demo: DemoOptions,
): Promise<{ center: Center; receiver: PartnerReceiver }> {
  const { receiver, partners } = await startPartnerSystems(demo);
  try {
    return { center: await startCenter({ ...options, partners }), receiver };
  } catch (error) {
    await receiver.close();
    throw error;
  }
}

async function runDemo(options: DemoOptions, logger: pino.Logger): Promise<number> {
  if (options.keepData) {
    if (await ensureDatabase(options.databaseUrl)) await seedFresh(options, logger);
    else {
      await migrate(options.databaseUrl);
      // A kept database from before the report facts: its calls enter the report here.
      await backfillReportFactsAt(options.databaseUrl, (done) => logger.info({ done }, 'report facts backfill'));
    }
  } else {
    await recreateDatabase(options.databaseUrl);
    await seedFresh(options, logger);
  }
  const { center, receiver } = await startDemoCenter(
    {
      databaseUrl: options.databaseUrl,
      redisUrl: options.redisUrl,
      authSecret: options.authSecret,
      timeScale: options.timeScale,
      ringTimeoutSeconds: 20,
      honorBusinessHours: options.honorHours,
      wrapUpSeconds: DEMO_AGENT_TIMING.wrapUpSeconds,
      consolePort: options.port ?? 8080,
      withConsole: true,
      logger,
    },
    options,
  );
  const desk = new DeskPlan();
  const bots = await startBots(center, options, logger, DEMO_AGENT_TIMING.ringMs, DEMO_AGENT_TIMING.talkMs, desk);
  const sim = new SimClient(center.simUrl, center.simUsername, center.simPassword);
  // Human counselors' phones ring until answered from the console.
  await sim.setPhone('PJSIP/1001', 'manual');
  await sim.setPhone('PJSIP/1002', 'manual');
  // The supervisor's headset picks up at once when listen / whisper / barge rings it.
  await sim.setPhone('PJSIP/1900', 'autoAnswer');
  // Partner ministry centers pick up relays (telephony dials PJSIP/<digits of their number>).
  const desks = await partnerDesks(sim, DEMO_PARTNER_TIMING(options.timeScale), options.seed + 101, logger);

  const samples = await seedSampleCallers(options.databaseUrl);
  const rng = seededRng(options.seed);
  // Desk actions from a stream of their own: the callers a seed places stay the same as before.
  const deskRng = seededRng(options.seed + 7_919);
  let stopped = false;
  // Ctrl+C ends the wait for the next caller at once (at a low rate it is over a minute).
  let wake = () => {};
  const inFlight = new Set<Promise<CallerResult>>();
  const generator = (async () => {
    if (options.rate === 0) return;
    const gapMs = 60_000 / options.rate;
    while (!stopped) {
      const script = planCaller(rng, samples);
      const action = planDeskAction(deskRng);
      if (script.intent === 'talk') desk.assign(script.from, action);
      const call = runCaller(sim, script, callerTiming(options.timeScale), logger);
      inFlight.add(call);
      void call.finally(() => inFlight.delete(call));
      // A caller who left before anyone talked to them takes their desk action along.
      void call.then((result) => {
        if (script.intent === 'talk' && result.actual !== 'answered') desk.forget(script.from, action);
      });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, gapMs * (0.5 + rng()));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();

  console.log(`
  1357 center is running on pbx-sim.
    console      ${center.consoleUrl}
    crm-api      ${center.crmUrl}
    telephony    ${center.telephonyUrl}
    pbx-sim      ${center.simUrl}  (ARI under /ari, steering under /control; user ${center.simUsername})
  Demo logins (password ${DEMO_PASSWORD}):
    counselor    상담원 (agent 1001, every skill)  — your phone rings in the console; simulated agents never use it
    counselor2   상담원 (agent 1002)
    supervisor   관리자 (live floor, today's numbers, IVR flows and drop-out)
    admin        운영자 (also CSV imports)
  Simulated callers: ${options.rate}/min (--rate N for more); simulated agents: ${BOT_ACCOUNTS.join(', ')}
    (they hold, transfer and relay some calls to partner centers).
  Partner centers: the nine answer relayed calls on pbx-sim; their systems take signed relay
    packages at ${receiver.url}/partners/<id>/relays.
  Ctrl+C stops everything.
`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  stopped = true;
  wake();
  console.log('stopping…');
  await generator;
  await Promise.all(bots.map((bot) => bot.stop()));
  await desks.stop();
  await center.close();
  await receiver.close();
  return 0;
}

/** The partners' counselors: a few rings (the package arrives first), then a conversation. */
const DEMO_PARTNER_TIMING = (timeScale: number): PartnerDeskTiming => ({
  timeScale,
  answerAfterMs: 6_000,
  talkMs: [30_000, 90_000],
});

async function seedFresh(options: DemoOptions, logger: pino.Logger): Promise<void> {
  const started = Date.now();
  await migrate(options.databaseUrl);
  await seed(options.databaseUrl, { companies: options.companies, seed: options.seed });
  logger.info({ ms: Date.now() - started, companies: options.companies }, 'CRM seeded');
}

/** Each figure's growth from `before` to `after`. */
function since<T extends Record<string, number>>(before: T, after: T): T {
  return Object.fromEntries(Object.entries(after).map(([key, n]) => [key, n - (before[key] ?? 0)])) as T;
}

async function runSmoke(options: DemoOptions, logger: pino.Logger): Promise<number> {
  const database = await createThrowawayDatabase(options.databaseUrl);
  // Ctrl+C must not leave the throwaway database behind either.
  const interrupted = () => void database.drop().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let center: Center | null = null;
  let receiver: PartnerReceiver | null = null;
  let desks: PartnerDesks | null = null;
  let bots: SimAgent[] = [];
  try {
    await migrate(database.url);
    await seed(database.url, { companies: 60, seed: options.seed });
    ({ center, receiver } = await startDemoCenter(
      {
        databaseUrl: database.url,
        redisUrl: options.redisUrl,
        authSecret: options.authSecret,
        timeScale: options.timeScale,
        // pbx-sim scales the originate timeout with its clock: 30 s → 3 s at the smoke's 0.1.
        ringTimeoutSeconds: 30,
        honorBusinessHours: false,
        wrapUpSeconds: 1,
        // Served only when asked for (--port), e.g. to watch the smoke session in the browser.
        withConsole: options.port !== null,
        consolePort: options.port ?? 0,
        logger,
      },
      options,
    ));
    if (center.consoleUrl) console.log(`console ${center.consoleUrl}`);
    const desk = new DeskPlan();
    bots = await startBots(center, options, logger, [2_000, 3_000], [20_000, 30_000], desk);
    const sim = new SimClient(center.simUrl, center.simUsername, center.simPassword);
    desks = await partnerDesks(
      sim,
      { timeScale: options.timeScale, answerAfterMs: 5_000, talkMs: [20_000, 30_000] },
      options.seed + 101,
      logger,
    );
    const samples = await seedSampleCallers(database.url);
    const scripts = smokeScripts(samples, seededRng(options.seed));
    for (const script of scripts) if (script.intent === 'talk') desk.assign(script.from, script.desk ?? 'plain');
    // The seed brings past consultations; the session must add exactly one per answered call.
    const consultationsBefore = await countConsultations(database.url);
    const deskBefore = await countDeskEvents(database.url);
    // A talking caller waits for the answer as long as the run may last (150 s at the smoke's
    // 0.1): patience is a wall-clock budget, and a loaded CI machine turned a 12 s one into
    // "expected answered, got abandoned". A call nobody answers still ends the run, as a failure.
    const timing = { ...callerTiming(options.timeScale), maxWaitMs: 1_500_000 };
    const results: CallerResult[] = [];
    // Calls overlap, as on a real floor: each starts a moment after the previous one.
    const running = scripts.map(async (script, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * 300));
      results[i] = await runCaller(sim, script, timing, logger);
    });
    await Promise.all(running);
    // Let the last hang-ups reach the CRM (call events are sent in batches).
    const supervisor = await new CrmClient(center.crmUrl).login('supervisor', DEMO_PASSWORD);
    const expected = expectedCounts(scripts);
    const crm = new CrmClient(center.crmUrl);
    const partnerSide = receiver;
    let actual: SmokeCounts = {
      offered: 0,
      answered: 0,
      abandoned: 0,
      consultations: 0,
      recordings: 0,
      transfers: 0,
      relays: 0,
      counselorTransfers: 0,
      holds: 0,
    };
    for (let attempt = 0; attempt < 40; attempt++) {
      const stats = await crm.statsToday(supervisor.token);
      const sum = (key: 'offered' | 'answered' | 'abandoned') => stats.queues.reduce((n, q) => n + q[key], 0);
      actual = {
        offered: sum('offered'),
        answered: sum('answered'),
        abandoned: sum('abandoned'),
        consultations: (await countConsultations(database.url)) - consultationsBefore,
        recordings: await countStoredRecordings(database.url),
        ...since(deskBefore, await countDeskEvents(database.url)),
        // What the partners' systems verified and acknowledged, not what the bots meant to send.
        relays: partnerSide.acknowledged().length,
      };
      if (judgeSmoke(results, expected, actual).ok) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const verdict = judgeSmoke(results, expected, actual);
    console.log(summaryLine(actual));
    for (const problem of verdict.problems) console.error(`  ✗ ${problem}`);
    return verdict.ok ? 0 : 1;
  } finally {
    await Promise.all(bots.map((bot) => bot.stop()));
    await desks?.stop();
    await center?.close();
    await receiver?.close();
    await database.drop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
