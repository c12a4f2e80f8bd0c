import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { QUEUE_IDS, signAccessToken } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIvrFlowsEngine } from '../../src/adapters/ivr-flows';
import { type Center, SECRET, startCenter, until } from '../support/center';
import { IvrSpy, steerableScheduler } from '../support/ivr-spy';
import { testLog } from '../support/log';

/**
 * Every path of the 1357 tree, through pbx-sim, telephony, Redis and crm-api: the digit groups,
 * times and callers of ivr-flows' golden traces (`ivr-flows/test/golden/*.txt`), each call
 * checked against the trace's path and outcome. One telephony process; the clock is moved
 * between phases (business hours, evening, weekend, holidays), and "long wait" phases put six
 * callers in every queue first, so the overflow offer is reached the way it is in production.
 */
const GOLDEN_DIR = fileURLToPath(new URL('../../../ivr-flows/test/golden/', import.meta.url));
// Slow enough that a loaded machine types within the menus' timeouts (6 s → 0.9 s real).
const TIME_SCALE = 0.15;

type Expected =
  | { kind: 'queue'; queue: string; priority: number }
  | { kind: 'callback'; queue: string | null; number: string }
  | { kind: 'sms'; topic: string; number: string }
  | { kind: 'transfer'; partner: string }
  | { kind: 'hangup'; reason: string };

interface Scenario {
  name: string;
  at: string;
  caller: string | null;
  known: boolean;
  ewt: number;
  groups: string[];
  bargeIn: boolean;
  path: string[];
  expected: Expected;
}

function parseOutcome(line: string): Expected {
  let m: RegExpMatchArray | null;
  if ((m = line.match(/^= queue (\w+) \(priority (\d)\)$/)))
    return { kind: 'queue', queue: m[1]!, priority: Number(m[2]) };
  if ((m = line.match(/^= callback request(?: for (\w+))? to (\d+)$/)))
    return { kind: 'callback', queue: m[1] ?? null, number: m[2]! };
  if ((m = line.match(/^= sms '([\w-]+)' to (\d+)$/))) return { kind: 'sms', topic: m[1]!, number: m[2]! };
  if ((m = line.match(/^= transfer to partner (\w+)$/))) return { kind: 'transfer', partner: m[1]! };
  if ((m = line.match(/^= hangup \(([\w-]+)\)$/))) return { kind: 'hangup', reason: m[1]! };
  throw new Error(`unknown golden outcome: ${line}`);
}

function loadGolden(): Scenario[] {
  return readdirSync(GOLDEN_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const text = readFileSync(`${GOLDEN_DIR}${file}`, 'utf8');
      const lines = text.split('\n');
      const head = lines[0]!.match(
        /^simulate main at (\S+) · caller (\S+) · (known|unknown) · ewt (\d+)s · digits (.+)$/,
      );
      if (!head) throw new Error(`${file}: unexpected header ${lines[0]}`);
      const path = lines
        .find((l) => l.startsWith('path: '))!
        .slice(6)
        .split(' › ');
      return {
        name: file.replace(/\.txt$/, ''),
        at: head[1]!,
        caller: head[2] === 'withheld' ? null : head[2]!,
        known: head[3] === 'known',
        ewt: Number(head[4]),
        groups: head[5] === '-' ? [] : head[5]!.split(','),
        bargeIn: text.includes('■ prompt stopped'),
        path,
        expected: parseOutcome(lines.find((l) => l.startsWith('= '))!),
      };
    });
}

describe('every path of the 1357 tree over pbx-sim', () => {
  const scenarios = loadGolden();
  const clock = steerableScheduler(TIME_SCALE);
  let center: Center;
  let spy: IvrSpy;
  let node: string;

  beforeAll(async () => {
    center = await startCenter({ timeScale: TIME_SCALE });
    const engine = await createIvrFlowsEngine({ dir: null, log: testLog, alwaysOpen: false, watch: false });
    spy = new IvrSpy(engine);
    const handle = await center.startTelephony(undefined, {
      deps: { scheduler: clock, ivr: spy, ivrAlwaysOpen: false },
    });
    node = handle.node;
    await center.pbx.setPhone('1380', 'autoAnswer'); // the FTA center's line (PJSIP/1380 on pbx-sim)
  }, 120_000);
  afterAll(async () => center?.close());

  // call_events.data is JSONB; the assertions below read its fields loosely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type EventRow = { queue: string | null; data: Record<string, any> };
  const event = async (callId: string, type: string) =>
    (
      await center.db.query<EventRow>(
        'SELECT queue, data FROM call_events WHERE call_id = $1 AND type = $2 ORDER BY at LIMIT 1',
        [callId, type],
      )
    ).rows[0];
  /** Bounded polling at a gentle pace: forty calls polling crm-api's database every 20 ms would starve the other test files. */
  async function eventually<T>(
    probe: () => Promise<T | undefined | null>,
    what: string,
    timeoutMs = 60_000,
  ): Promise<NonNullable<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value as NonNullable<T>;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  const channelGone = async (channel: string) => ((await center.pbx.channelIds()).includes(channel) ? null : true);

  /** Places the call and types each digit group where the IVR waits (see IvrSpy); returns the call id. */
  async function dial(
    name: string,
    number: string | null,
    groups: string[],
    bargeIn: boolean,
  ): Promise<{ callId: string; channel: string }> {
    if (number && bargeIn) spy.bargeInCallers.add(number);
    const channel = await center.pbx.placeCall(number ?? '');
    const callId = await until(() => center.state.callIdOfChannel(node, channel), `${name}: call record`);
    const track = await until(() => spy.tracks.get(callId), `${name}: IVR started`);
    for (const [i, group] of groups.entries()) {
      // A point reached while we were slow (a re-prompt) stays one point: groups never run ahead.
      await until(
        () => track.ready && track.fed >= track.pressed,
        `${name}: input point ${i + 1} for ${group}`,
        30_000,
      );
      track.ready = false;
      track.pressed += group.length;
      await center.pbx.dtmf(channel, group);
    }
    return { callId, channel };
  }

  async function check(s: Scenario, callId: string, channel: string, numberOf: (n: string) => string): Promise<void> {
    const finished = await eventually(() => event(callId, 'ivr.finished'), `${s.name}: ivr.finished`);
    expect(finished.data.path, s.name).toEqual(s.path);
    const exp = s.expected;
    expect(finished.data.outcome.kind, s.name).toBe(exp.kind);
    switch (exp.kind) {
      case 'queue': {
        const entered = await eventually(() => event(callId, 'queue.entered'), `${s.name}: queue.entered`);
        expect({ queue: entered.queue, priority: entered.data.priority }, s.name).toEqual({
          queue: exp.queue,
          priority: exp.priority,
        });
        await center.pbx.hangup(channel);
        break;
      }
      case 'callback': {
        await eventually(() => event(callId, 'callback.requested'), `${s.name}: callback.requested`);
        const { rows } = await center.db.query('SELECT number, queue, status FROM callbacks WHERE call_id = $1', [
          callId,
        ]);
        expect(rows, s.name).toEqual([
          { number: numberOf(exp.number), queue: exp.queue ?? 'general', status: expect.any(String) },
        ]);
        await eventually(() => channelGone(channel), `${s.name}: hung up after the confirmation`);
        break;
      }
      case 'sms': {
        await eventually(() => event(callId, 'sms.requested'), `${s.name}: sms.requested`);
        const { rows } = await center.db.query('SELECT caller_number FROM sms_messages WHERE idempotency_key = $1', [
          `ivr-sms-${callId}`,
        ]);
        expect(rows, s.name).toEqual([{ caller_number: numberOf(exp.number) }]);
        await eventually(() => channelGone(channel), `${s.name}: hung up after the confirmation`);
        break;
      }
      case 'transfer': {
        const answered = await eventually(() => event(callId, 'transfer.answered'), `${s.name}: transfer.answered`);
        expect(answered.data.partner).toBe(exp.partner);
        expect(await center.pbx.originates('PJSIP/1380')).toBeGreaterThan(0);
        const relay = await eventually(
          async () =>
            (await center.db.query('SELECT partner_id, question FROM relays WHERE call_id = $1', [callId])).rows[0],
          `${s.name}: relay`,
        );
        expect(relay.partner_id).toBe(exp.partner);
        expect(relay.question).toContain('fta-transfer');
        await center.pbx.hangup(channel);
        const ended = await eventually(() => event(callId, 'transfer.ended'), `${s.name}: transfer.ended`);
        expect(ended.data.by).toBe('caller');
        break;
      }
      case 'hangup':
        expect(finished.data.outcome.reason, s.name).toBe(exp.reason);
        await eventually(() => channelGone(channel), `${s.name}: hung up by the IVR`);
        break;
    }
    await eventually(() => event(callId, 'call.ended'), `${s.name}: call.ended`);
  }

  /** Every scenario of one phase at once (same clock, same queue load). */
  async function runPhase(at: string, group: Scenario[], overflow: boolean): Promise<void> {
    clock.setNow(new Date(at));
    const phantoms = overflow
      ? QUEUE_IDS.flatMap((q) => Array.from({ length: 6 }, (_, k) => [q, `phantom-${q}-${k}`] as const))
      : [];
    for (const [q, id] of phantoms) await center.redis.zadd(`${center.prefix}queue:${q}`, 0, id);
    try {
      await Promise.all(
        group.map(async (s) => {
          const i = scenarios.indexOf(s);
          // Unique numbers of the same kind as the trace's, so callbacks (one per number) never collide.
          const mapped = (n: string) =>
            n === '0212345678' ? `02${55_500_000 + i}` : n === '01012345678' ? `010${55_500_000 + i}` : n;
          const number = s.known ? center.callers.known[0]! : s.caller ? mapped(s.caller) : null;
          const { callId, channel } = await dial(s.name, number, s.groups, s.bargeIn);
          await check(s, callId, channel, (n) => (s.caller && n === s.caller ? number! : n));
          if (s.bargeIn) await bargedIn(s.name, channel);
        }),
      );
    } finally {
      for (const [q, id] of phantoms) await center.redis.zrem(`${center.prefix}queue:${q}`, id);
    }
  }

  /** A digit during a barge-in prompt stopped it: pbx-sim got DELETE /playbacks/<id> for one of this caller's prompts. */
  async function bargedIn(name: string, channel: string): Promise<void> {
    const log = await center.pbx.requests!();
    const mine = new Set(
      log
        .filter((r) => r.method === 'POST' && r.path.startsWith(`/channels/${channel}/play`))
        .map((r) => r.query.playbackId ?? r.path.split('/').pop()!),
    );
    const stopped = log.filter(
      (r) => r.method === 'DELETE' && r.path.startsWith('/playbacks/') && mine.has(r.path.split('/').pop()!),
    );
    expect(stopped.length, `${name}: a stopped playback`).toBeGreaterThan(0);
  }

  it('reaches the expected outcome on every golden path (queue, callback, SMS, FTA transfer, hang-up)', async () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(40);
    const phases = new Map<string, Scenario[]>();
    for (const s of scenarios) {
      const key = `${s.at}|${s.ewt > 300 ? 'overflow' : 'normal'}`;
      phases.set(key, [...(phases.get(key) ?? []), s]);
    }
    for (const [key, group] of phases) {
      const [at, load] = key.split('|') as [string, string];
      await runPhase(at, group, load === 'overflow');
    }
    // Every call reached an outcome; the drop-out report for the open day agrees.
    const token = await signAccessToken({ sub: 's1', username: 'lee', role: 'supervisor', skills: [] }, SECRET, 600);
    const res = await fetch(`${center.crmUrl}/api/stats/ivr-dropout?date=2026-12-01`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const report = (await res.json()) as { enteredIvr: number; leftInIvr: number; reachedOutcome: number };
    const onDay = scenarios.filter((s) => s.at.startsWith('2026-12-01')).length;
    expect(report).toMatchObject({ enteredIvr: onDay, leftInIvr: 0, reachedOutcome: onDay });
  }, 420_000);

  it('failure paths: busy partner → apology and general queue; partner hangs up → caller hung up; opted-out SMS → polite notice; second callback → booked once; hang-up mid-menu → drop-out report', async () => {
    clock.setNow(new Date('2026-12-02T10:00+09:00'));
    await center.pbx.setPhone('1380', 'reject');
    const busy = await dial('transfer busy', '0266600001', ['5', '2'], false);
    const failed = await eventually(() => event(busy.callId, 'transfer.failed'), 'transfer.failed');
    expect(failed.data).toMatchObject({ partner: 'fta1380', reason: 'rejected' });
    const requeued = await eventually(() => event(busy.callId, 'queue.entered'), 'back to the general queue');
    expect({ queue: requeued.queue, priority: requeued.data.priority }).toEqual({ queue: 'general', priority: 1 });
    const plays = (await center.pbx.requests!()).filter(
      (r) => r.method === 'POST' && r.path.startsWith(`/channels/${busy.channel}/play`),
    );
    expect(plays.some((r) => r.query.media?.includes('transfer-failed'))).toBe(true);
    await center.pbx.hangup(busy.channel);

    // The partner hangs up a bridged transfer: the caller is hung up too.
    await center.pbx.setPhone('1380', 'autoAnswer');
    const bridged = await dial('partner hangs up', '0266600005', ['5', '2'], false);
    await eventually(() => event(bridged.callId, 'transfer.answered'), 'partner answered');
    const live = await until(
      async () => (await center.state.getCall(bridged.callId))?.partnerChannelId,
      'partner leg id',
    );
    await center.pbx.hangup(live);
    const byPartner = await eventually(() => event(bridged.callId, 'transfer.ended'), 'transfer.ended');
    expect(byPartner.data.by).toBe('partner');
    await eventually(() => channelGone(bridged.channel), 'caller hung up after the partner');

    const service = await signAccessToken(
      { sub: 'telephony', username: 'telephony', role: 'service', skills: [] },
      SECRET,
      600,
    );
    const optOut = await fetch(`${center.crmUrl}/api/sms/opt-outs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${service}`, 'content-type': 'application/json' },
      body: JSON.stringify({ number: '01066600002', source: 'ivr' }),
    });
    expect(optOut.status).toBe(204);
    const opted = await dial('sms opted out', '01066600002', ['7', '1'], false);
    const smsFailed = await eventually(() => event(opted.callId, 'sms.failed'), 'sms.failed');
    expect(smsFailed.data.result).toBe('optedOut');
    await eventually(() => channelGone(opted.channel), 'hung up after the notice');
    const optedPlays = (await center.pbx.requests!()).filter(
      (r) => r.method === 'POST' && r.path.startsWith(`/channels/${opted.channel}/play`),
    );
    expect(optedPlays.map((r) => r.query.media).join(' ')).toContain('sms-opted-out');
    expect(optedPlays.map((r) => r.query.media).join(' ')).not.toContain('sms-sent');

    clock.setNow(new Date('2026-12-02T21:00+09:00'));
    const first = await dial('callback 1', '0266600003', ['1'], false);
    await eventually(() => event(first.callId, 'callback.requested'), 'first callback');
    const second = await dial('callback 2', '0266600003', ['1'], false);
    const again = await eventually(() => event(second.callId, 'callback.requested'), 'second callback request');
    expect(again.data).toMatchObject({ duplicate: true, result: 'duplicate' });
    expect(
      (await center.db.query(`SELECT count(*)::int AS n FROM callbacks WHERE number = '0266600003'`)).rows[0].n,
    ).toBe(1);

    clock.setNow(new Date('2026-12-03T10:00+09:00'));
    const quitter = await dial('hang up in the menu', '0266600004', [], false);
    const track = spy.tracks.get(quitter.callId)!;
    await until(() => track.opportunities > 0, 'main menu waits for a digit', 30_000);
    await center.pbx.hangup(quitter.channel);
    await eventually(() => event(quitter.callId, 'call.ended'), 'call.ended');
    const token = await signAccessToken({ sub: 's1', username: 'lee', role: 'supervisor', skills: [] }, SECRET, 600);
    const report = (await (
      await fetch(`${center.crmUrl}/api/stats/ivr-dropout?date=2026-12-03`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { byLastNode: { promptText: string | null }[] };
    expect(report).toMatchObject({
      enteredIvr: 1,
      leftInIvr: 1,
      reachedOutcome: 0,
      byLastNode: [{ nodeId: 'main-menu', flow: 'main', nodeType: 'menu', calls: 1 }],
    });
    expect(report.byLastNode[0]?.promptText).toContain('정책자금');
  }, 180_000);
});
