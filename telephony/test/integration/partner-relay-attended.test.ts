import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RelayPackage, WEBHOOK_HEADERS, verifyWebhook } from '@cc1357/contracts';
import { partnerCenters } from '@cc1357/crm-api/testing';
import { PbxSimControlClient } from '@cc1357/pbx-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Center, type ConsoleClient, eventTypes, startCenter, until } from '../support/center';
import { capturedLog } from '../support/captured-log';
import { TEST_REDIS_URL } from '../support/redis';
import { bridgeMembers, connectedCall } from '../support/transfer-scenario';

/**
 * The attended relay to a partner center (issue 12 §2–§3) over pbx-sim, with crm-api (real, with
 * Redis for the package's delivery) and a real HTTP server standing in for the partner's webhook
 * receiver: the counselor talks to the partner (who already has the package) while the caller
 * hears music, then completes; a partner that does not answer gives the caller back to the
 * counselor with a clear message. FTA 1380 is open every hour (the test must not depend on when
 * it runs) at 02-1380-0001; KIPO is configured never open.
 */
const SECRET = 'fta-attended-secret-0123456789-abcdef';
const ALWAYS = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00-24:00']]));
const PARTNER_PHONE = 'PJSIP/0213800001';

interface Consult {
  callId: string;
  consult: { agentId: string; phase: string; with: string; partner?: string } | null;
  ended?: { reason: string; partner?: string };
}

/** The partner's system: records every post and tells the test when one arrives. */
function receiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const waiters: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      for (const w of waiters.splice(0)) w();
    });
  });
  return {
    received,
    server,
    /** Resolves once `count` posts have arrived. */
    posted: (count = 1) =>
      new Promise<void>((r) => {
        const check = () => (received.length >= count ? r() : waiters.push(check));
        check();
      }),
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
}

describe('attended relay to a partner center, over pbx-sim', () => {
  let center: Center;
  let sim: PbxSimControlClient;
  const partner = receiver();
  const log = capturedLog();

  beforeAll(async () => {
    await new Promise<void>((r) => partner.server.listen(0, '127.0.0.1', r));
    center = await startCenter({
      crm: {
        redisUrl: TEST_REDIS_URL,
        queuePrefix: `cc1357test:${randomBytes(4).toString('hex')}`,
        cohortRefreshMs: 0,
        relayBackoffMs: 10,
        partners: partnerCenters({
          fta1380: {
            dial: '02-1380-0001',
            hours: { hours: ALWAYS, holidays: { official: false } },
            webhookUrl: `${partner.url()}/1357/relays`,
            secret: SECRET,
          },
          kipo: { hours: { hours: Object.fromEntries(Object.keys(ALWAYS).map((d) => [d, []])) } },
        }),
      },
    });
    // The partner rings 250 s of the test clock (5 s real): long enough that a loaded machine
    // answers or cancels a ringing partner before it times out, short enough for the no-answer case.
    await center.startTelephony(center.pbx, {
      env: { PARTNER_RING_TIMEOUT_SECONDS: '250' },
      deps: { logger: log.logger },
    });
    sim = new PbxSimControlClient({
      url: center.pbx.phoneControlUrl!,
      username: center.pbx.ari.username,
      password: center.pbx.ari.password,
    });
  }, 120_000);
  afterAll(async () => {
    await center?.close();
    await new Promise<void>((r) => partner.server.close(() => r()));
  });

  const relayCommand = (callId: string, partnerId = 'fta1380') => ({
    callId,
    partnerId,
    mode: 'attended',
    question: 'FTA 원산지 증명서 발급 절차 문의',
    context: '수출 품목: 자동차 부품. 1357에서 원산지 기준을 안내받음.',
  });

  async function deskCall(
    agentId: string,
  ): Promise<{ desk: ConsoleClient; callId: string; caller: string; agentLeg: string }> {
    await center.pbx.setPhone(agentId, 'manual');
    const desk = await center.agentConsole(agentId);
    expect(await desk.command('agent.ready.v1', {})).toEqual({ ok: true });
    const legs = await connectedCall(center, desk, 10_000);
    return { desk, ...legs };
  }

  it('the counselor talks to the partner, who already has the package, swaps, then completes', async () => {
    await center.pbx.setPhone('0213800001', 'manual');
    const { desk, callId, caller, agentLeg } = await deskCall('1001');
    const posts = partner.received.length;

    // A double click: both acknowledged, one consult, one relay record.
    const command = relayCommand(callId);
    expect(await Promise.all([desk.command('call.relay.v1', command), desk.command('call.relay.v1', command)])).toEqual(
      [{ ok: true }, { ok: true }],
    );
    const ringing = await desk.next<Consult>('call.consult.v1', (p) => p.consult?.phase === 'ringing');
    expect(ringing.consult).toMatchObject({ agentId: 'partner:fta1380', partner: 'fta1380', with: 'target' });
    // The caller waits with music; the counselor's leg is still theirs, not hung up.
    expect(await bridgeMembers(center, `${callId}-hold`)).toContain(caller);
    expect((await center.state.getCall(callId))?.agentChannelId).toBe(agentLeg);

    // The package reaches the partner's system, signed, while its phone still rings.
    await partner.posted(posts + 1);
    const post = partner.received[posts]!;
    const pkg = RelayPackage.parse(JSON.parse(post.body));
    const { rows } = await center.db.query<{ id: string }>(`SELECT id FROM relays WHERE call_id = $1`, [callId]);
    expect(rows).toHaveLength(1);
    expect(pkg).toMatchObject({ relayId: rows[0]!.id, partnerId: 'fta1380', question: command.question });
    expect(
      await verifyWebhook({
        secret: SECRET,
        timestamp: post.headers[WEBHOOK_HEADERS.timestamp] as string | undefined,
        signature: post.headers[WEBHOOK_HEADERS.signature] as string | undefined,
        body: post.body,
        now: new Date(),
      }),
    ).toEqual({ ok: true });
    expect((await center.state.getCall(callId))?.consult?.phase).toBe('ringing');

    // The partner's agent picks up: the counselor and the partner in the consult bridge.
    await sim.answerPhone(PARTNER_PHONE);
    await desk.next<Consult>('call.consult.v1', (p) => p.consult?.phase === 'talking');
    const partnerLeg = (await center.state.getCall(callId))!.consult!.channelId;
    await until(
      async () => (await bridgeMembers(center, `${callId}-consult`))?.length === 2,
      'counselor and partner in the consult bridge',
    );
    expect((await bridgeMembers(center, `${callId}-consult`))?.sort()).toEqual([agentLeg, partnerLeg].sort());
    expect(await bridgeMembers(center, `${callId}-hold`)).toContain(caller);
    // No conference with a partner: refused, nothing changes.
    expect(await desk.command('call.consult.conference.v1', { callId })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });

    // Swap to the caller (the partner waits) and back.
    expect(await desk.command('call.consult.swap.v1', { callId })).toEqual({ ok: true });
    await until(
      async () => (await bridgeMembers(center, `${callId}-mix`))?.includes(caller),
      'caller back with the counselor',
    );
    expect(await bridgeMembers(center, `${callId}-mix`)).toContain(agentLeg);
    expect(await desk.command('call.consult.swap.v1', { callId })).toEqual({ ok: true });
    await until(async () => (await bridgeMembers(center, `${callId}-hold`))?.includes(caller), 'caller on music');

    // Complete (twice: a double click): the caller with the partner, the counselor to after-call work.
    expect(
      await Promise.all([
        desk.command('call.consult.complete.v1', { callId }),
        desk.command('call.consult.complete.v1', { callId }),
      ]),
    ).toEqual([{ ok: true }, { ok: true }]);
    await desk.next('call.ended.v1', (p: { callId: string; reason: string }) => p.reason === 'transferred');
    // Seen at some point (not necessarily the latest state: a loaded machine may end a short wrap-up first).
    await desk.next<{ state: string }>('agent.state.v1', (p) => p.state === 'wrapUp');
    const call = await until(async () => {
      const c = await center.state.getCall(callId);
      if (c?.state !== 'transferred' || !c.mixingBridgeId) return null;
      return (await bridgeMembers(center, c.mixingBridgeId))?.length === 2 ? c : null;
    }, 'caller bridged with the partner');
    expect(call.partnerChannelId).toBe(partnerLeg);
    // A late repeat of complete is answered ok and changes nothing; cancel is too late now.
    expect(await desk.command('call.consult.complete.v1', { callId })).toEqual({ ok: true });
    expect(await desk.command('call.consult.cancel.v1', { callId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await center.state.getCall(callId))?.state).toBe('transferred');
    expect((await bridgeMembers(center, call.mixingBridgeId!))?.sort()).toEqual([caller, partnerLeg].sort());
    // The counselor's conversation (and its recording) ended with their leg; the partner's is new.
    expect(call.mixingBridgeId).not.toBe(`${callId}-mix`);
    expect(await bridgeMembers(center, `${callId}-mix`)).toBeNull();
    expect(await bridgeMembers(center, `${callId}-consult`)).toBeNull();
    expect(await center.pbx.channelIds()).not.toContain(agentLeg);

    // The partner hangs up: the call ends for the caller too.
    await center.pbx.hangup(partnerLeg);
    const types = await until(async () => {
      const t = await eventTypes(center, callId);
      return t.includes('call.ended') ? t : null;
    }, 'call.ended stored');
    expect(types).toEqual(
      expect.arrayContaining(['consult.started', 'transfer.started', 'transfer.answered', 'transfer.ended']),
    );
    expect(types.filter((t) => t === 'call.transferred')).toHaveLength(1);
    const transferred = await center.db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM call_events WHERE call_id = $1 AND type = 'call.transferred'`,
      [callId],
    );
    expect(transferred.rows[0]!.data).toMatchObject({
      from: '1001',
      target: { kind: 'partner', partner: 'fta1380' },
      mode: 'attended',
      relayId: rows[0]!.id,
    });
    // Context carried: the partner's system acknowledged the package before the partner answered.
    const carried = await center.db.query<{ carried: boolean }>(
      `SELECT r.delivered_at <= (SELECT min(e.at) FROM call_events e
                                  WHERE e.call_id = r.call_id AND e.type = 'transfer.answered') AS carried
         FROM relays r WHERE r.call_id = $1`,
      [callId],
    );
    expect(carried.rows).toEqual([{ carried: true }]);
    expect((await center.db.query('SELECT 1 FROM relays WHERE call_id = $1', [callId])).rowCount).toBe(1);
    expect(await center.pbx.channelIds()).not.toContain(caller);
    expect(log.errors()).toEqual([]);
  });

  it('a closed partner is refused; a partner that does not answer or rejects gives the caller back, with the reason', async () => {
    const { desk, callId, caller, agentLeg } = await deskCall('1002');
    const relay = (partnerId = 'fta1380') => desk.command('call.relay.v1', relayCommand(callId, partnerId));
    const backWithCounselor = async () => {
      await until(
        async () => (await bridgeMembers(center, `${callId}-mix`))?.length === 2,
        'caller back with the counselor',
      );
      expect((await bridgeMembers(center, `${callId}-mix`))?.sort()).toEqual([agentLeg, caller].sort());
      expect(await center.state.getCall(callId)).toMatchObject({ state: 'connected', agentId: '1002', consult: null });
    };

    expect(await relay('kipo')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE', message: expect.stringContaining('closed now') },
    });
    expect((await center.db.query('SELECT 1 FROM relays WHERE call_id = $1', [callId])).rowCount).toBe(0);

    for (const [mode, reason] of [
      ['noAnswer', 'noAnswer'],
      ['reject', 'rejected'],
    ] as const) {
      await center.pbx.setPhone('0213800001', mode);
      expect(await relay()).toEqual({ ok: true });
      // Waited for past the partner's ring time (a hang guard, not a time assertion).
      const ended = await until(
        () =>
          desk.received.find((r) => r.event === 'call.consult.v1' && (r.payload as Consult).ended?.reason === reason)
            ?.payload as Consult | undefined,
        `consult ended: ${reason}`,
        60_000,
      );
      expect(ended.ended).toEqual({ reason, partner: 'fta1380' });
      await backWithCounselor();
    }

    // Cancelled while it rings: back to the caller; a second cancel is answered ok.
    await center.pbx.setPhone('0213800001', 'manual');
    desk.received.length = 0; // what follows is about this attempt only
    expect(await relay()).toEqual({ ok: true });
    await desk.next<Consult>('call.consult.v1', (p) => p.consult?.phase === 'ringing');
    expect(await desk.command('call.consult.complete.v1', { callId })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE', message: expect.stringContaining('still rings') },
    });
    expect(await desk.command('call.consult.cancel.v1', { callId })).toEqual({ ok: true });
    const cancelled = await desk.next<Consult>('call.consult.v1', (p) => p.ended?.reason === 'cancelled');
    expect(cancelled.consult).toBeNull();
    expect(await desk.command('call.consult.cancel.v1', { callId })).toEqual({ ok: true });
    await backWithCounselor();

    // The same conversation relayed to the same partner keeps one relay record (one package).
    expect((await center.db.query('SELECT 1 FROM relays WHERE call_id = $1', [callId])).rowCount).toBe(1);
    await center.pbx.hangup(caller);
    const types = await until(async () => {
      const t = await eventTypes(center, callId);
      return t.includes('call.ended') ? t : null;
    }, 'call.ended stored');
    expect(types.filter((t) => t === 'consult.ended')).toHaveLength(3);
    expect(types).not.toContain('call.transferred');
    expect(log.errors()).toEqual([]);
  });
});
