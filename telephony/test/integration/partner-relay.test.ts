import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RelayPackage, WEBHOOK_HEADERS, verifyWebhook } from '@cc1357/contracts';
import { partnerCenters } from '@cc1357/crm-api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Center, eventTypes, startCenter, until } from '../support/center';
import { capturedLog } from '../support/captured-log';
import { TEST_REDIS_URL } from '../support/redis';
import { bridgeMembers, connectedCall } from '../support/transfer-scenario';

/**
 * A counselor relays the connected call to a partner center over pbx-sim, with crm-api (real,
 * with Redis for the package's delivery) and a real HTTP server standing in for the partner's
 * webhook receiver. FTA 1380 is configured open every hour of every day (the test must not
 * depend on when it runs) and dialled at its configured number; KIPO is configured never open.
 */
const SECRET = 'fta-relay-secret-0123456789-abcdefghij';
const ALWAYS = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00-24:00']]));

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** The partner's system: records every post and tells the test when one arrives. */
function receiver() {
  const received: Received[] = [];
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
    /** Resolves once a post has arrived (at once when one already has). */
    posted: () => new Promise<void>((r) => (received.length > 0 ? r() : waiters.push(r))),
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
}

describe('relay to a partner center from the desk, over pbx-sim', () => {
  let center: Center;
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
    await center.startTelephony(center.pbx, { deps: { logger: log.logger } });
  }, 120_000);
  afterAll(async () => {
    await center?.close();
    await new Promise<void>((r) => partner.server.close(() => r()));
  });

  it('dials the configured number, bridges the caller with the partner and delivers the package once', async () => {
    await center.pbx.setPhone('1001', 'manual');
    await center.pbx.setPhone('0213800001', 'autoAnswer');
    const desk = await center.agentConsole('1001');
    expect(await desk.command('agent.ready.v1', {})).toEqual({ ok: true });
    const legs = await connectedCall(center, desk, 10_000);

    const command = {
      callId: legs.callId,
      partnerId: 'fta1380',
      question: 'FTA 원산지 증명서 발급 절차 문의',
      context: '수출 품목: 자동차 부품. 이미 1357에서 원산지 기준을 안내받음.',
    };
    // A double click: both acknowledged, one relay.
    expect(await Promise.all([desk.command('call.relay.v1', command), desk.command('call.relay.v1', command)])).toEqual(
      [{ ok: true }, { ok: true }],
    );
    await desk.next('call.ended.v1', (p: { callId: string; reason: string }) => p.reason === 'transferred');
    await desk.stateBecomes('wrapUp');

    // The partner leg went to the configured number, answered, and is bridged with the caller.
    const call = await until(async () => {
      const c = await center.state.getCall(legs.callId);
      if (c?.state !== 'transferred' || !c.mixingBridgeId || !c.partnerChannelId) return null;
      return (await bridgeMembers(center, c.mixingBridgeId))?.length === 2 ? c : null;
    }, 'caller bridged with the partner');
    const originated = (await center.pbx.requests!()).filter(
      (r) => r.method === 'POST' && r.path === '/channels' && r.query.channelId === call.partnerChannelId,
    );
    expect(originated.map((r) => r.query.endpoint)).toEqual(['PJSIP/0213800001']);
    expect((await bridgeMembers(center, call.mixingBridgeId!))?.sort()).toEqual(
      [legs.caller, call.partnerChannelId!].sort(),
    );
    // The counselor's conversation had its own bridge; the partner's is a new one.
    expect(call.mixingBridgeId).not.toBe(`${legs.callId}-mix`);
    expect(await bridgeMembers(center, `${legs.callId}-mix`)).toBeNull();

    // One relay record, with the consultation, marked as made while the partner was open.
    const { rows } = await center.db.query<{ id: string; partner_id: string; question: string; context: string }>(
      `SELECT id, partner_id, question, context, partner_open FROM relays WHERE call_id = $1`,
      [legs.callId],
    );
    expect(rows).toEqual([
      expect.objectContaining({
        partner_id: 'fta1380',
        question: command.question,
        context: command.context,
        partner_open: true,
      }),
    ]);
    // The package reached the partner's system, signed, carrying what the caller already said.
    await partner.posted();
    const post = partner.received[0]!;
    const pkg = RelayPackage.parse(JSON.parse(post.body));
    expect(pkg).toMatchObject({
      relayId: rows[0]!.id,
      partnerId: 'fta1380',
      question: command.question,
      consultation: { summary: command.context },
    });
    const verdict = await verifyWebhook({
      secret: SECRET,
      timestamp: post.headers[WEBHOOK_HEADERS.timestamp] as string | undefined,
      signature: post.headers[WEBHOOK_HEADERS.signature] as string | undefined,
      body: post.body,
      now: new Date(),
    });
    expect(verdict).toEqual({ ok: true });

    await center.pbx.hangup(legs.caller);
    const types = await until(async () => {
      const t = await eventTypes(center, legs.callId);
      return t.includes('call.ended') ? t : null;
    }, 'call.ended stored');
    expect(types.filter((t) => t === 'call.transferred')).toHaveLength(1);
    expect(types).toEqual(expect.arrayContaining(['transfer.started', 'transfer.answered', 'transfer.ended']));
    const transferred = await center.db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM call_events WHERE call_id = $1 AND type = 'call.transferred'`,
      [legs.callId],
    );
    expect(transferred.rows[0]!.data).toMatchObject({
      from: '1001',
      target: { kind: 'partner', partner: 'fta1380' },
      relayId: rows[0]!.id,
    });
    // Still one relay: the partner's answer did not add the IVR's package.
    expect((await center.db.query('SELECT 1 FROM relays WHERE call_id = $1', [legs.callId])).rowCount).toBe(1);
    expect(log.errors()).toEqual([]);
  });

  it('a closed partner is refused with the caller kept; a partner that rejects gives the caller the general queue', async () => {
    await center.pbx.setPhone('1002', 'manual');
    const desk = await center.agentConsole('1002');
    expect(await desk.command('agent.ready.v1', {})).toEqual({ ok: true });
    const legs = await connectedCall(center, desk, 10_000);
    const relay = (partnerId: string) =>
      desk.command('call.relay.v1', { callId: legs.callId, partnerId, question: '특허 출원 문의', context: '' });

    expect(await relay('kipo')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE', message: expect.stringContaining('closed now') },
    });
    expect(await relay('nowhere')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(
      await desk.command('call.relay.v1', { callId: legs.callId, partnerId: 'fta1380', question: '  ' }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('question') } });
    // Nothing changed: the caller is still talking to the counselor, and nothing was stored.
    expect((await center.state.getCall(legs.callId))?.state).toBe('connected');
    expect(await bridgeMembers(center, `${legs.callId}-mix`)).toContain(legs.caller);
    expect((await center.db.query('SELECT 1 FROM relays WHERE call_id = $1', [legs.callId])).rowCount).toBe(0);

    await center.pbx.setPhone('0213800001', 'reject');
    expect(await relay('fta1380')).toEqual({ ok: true });
    await desk.next('call.ended.v1', (p: { callId: string; reason: string }) => p.reason === 'transferred');
    await until(async () => (await center.state.getCall(legs.callId))?.state === 'queued', 'caller queued again');
    const call = await center.state.getCall(legs.callId);
    expect(call?.queue).toBe('general');
    expect(await bridgeMembers(center, call!.holdingBridgeId!)).toContain(legs.caller);
    await center.pbx.hangup(legs.caller);
    const types = await until(async () => {
      const t = await eventTypes(center, legs.callId);
      return t.includes('call.ended') ? t : null;
    }, 'call.ended stored');
    expect(types).toEqual(expect.arrayContaining(['call.transferred', 'transfer.failed', 'queue.entered']));
  });
});
