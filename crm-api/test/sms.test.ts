import { randomBytes } from 'node:crypto';
import { smsBody, SmsMessageDto, type ProgramDto } from '@cc1357/contracts';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSinkGateway } from '../src/jobs/smsGateway';
import { startCrmWorkers } from '../src/jobs/workers';
import {
  call,
  count,
  eventually,
  makePrograms,
  makeUser,
  startTestCrm,
  tokenFor,
  type TestCrm,
} from './support/server';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = () => `cc1357test:${randomBytes(4).toString('hex')}`;

describe('SMS: outbox, BullMQ worker, sink gateway, opt-out', () => {
  let crm: TestCrm;
  let token: string;
  let programIds: string[];

  beforeAll(async () => {
    crm = await startTestCrm({
      redisUrl: REDIS_URL,
      queuePrefix: prefix(),
      relayIntervalMs: 100,
      cohortRefreshMs: 0,
      smsBackoffMs: 10,
    });
    token = await tokenFor('counselor', await makeUser(crm.db, { username: 'kim' }));
    const ids = await makePrograms(crm.db, [
      { code: 'A', name: '수출바우처', url: 'https://example.kr/a' },
      { code: 'B', name: '창업도약패키지', opensOn: '2025-03-20', closesOn: '2025-04-20' },
    ]);
    programIds = [ids.get('A')!, ids.get('B')!];
  });
  afterAll(() => crm.close());

  const send = (body: Record<string, unknown>, t = token) =>
    call(crm, 'POST', '/api/sms', {
      token: t,
      body: { idempotencyKey: `sms-${randomBytes(6).toString('hex')}`, ...body },
    });

  it('programs discussed reach the sink through the real worker: queued → sent → delivered', async () => {
    const res = await send({ callerNumber: '010-2222-3333', template: 'programs', programIds });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const msg = SmsMessageDto.parse(res.body);
    expect(msg.body).toContain('수출바우처');
    expect(msg.body).toContain('https://example.kr/a');
    const delivered = await eventually(async () => {
      const list = await call(crm, 'GET', '/api/sms?callerNumber=01022223333', { token });
      return list.body.find((m: SmsMessageDto) => m.id === msg.id && m.status === 'delivered');
    }, 'delivery');
    expect(delivered.sentAt).not.toBeNull();
    const sink = await crm.db.query('SELECT to_number, body FROM sms_sink WHERE message_id = $1', [msg.id]);
    expect(sink.rows).toEqual([{ to_number: '01022223333', body: msg.body }]);
    expect(await count(crm.db, 'audit_log', `action = 'sms.send' AND subject_id = $1`, [msg.id])).toBe(1);
  });

  it('the stored and sent text is the preview: programs in the order ticked, built by contracts smsBody', async () => {
    // B opens later than A, so the catalogue's order (opens_on) is A, B; the counselor ticked B first.
    const picked = [programIds[1]!, programIds[0]!];
    const res = await send({ callerNumber: '010-2222-4444', template: 'programs', programIds: picked });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const msg = SmsMessageDto.parse(res.body);
    const catalogue = (await call(crm, 'GET', '/api/programs', { token })).body as ProgramDto[];
    const preview = smsBody('programs', { programs: picked.map((id) => catalogue.find((p) => p.id === id)!) });
    expect(msg.body).toBe(preview);
    expect(msg.body.indexOf('창업도약패키지')).toBeLessThan(msg.body.indexOf('수출바우처'));
    const sent = await eventually(
      async () => (await crm.db.query('SELECT body FROM sms_sink WHERE message_id = $1', [msg.id])).rows[0],
      'the gateway got it',
    );
    expect(sent.body).toBe(preview);
  });

  it('the policy calendar can be sent too; the same key returns the first message', async () => {
    const body = {
      idempotencyKey: 'cal-key-0001',
      callerNumber: '0311234567',
      template: 'calendar',
      from: '2025-03-14',
      weeks: 2,
    };
    const first = await call(crm, 'POST', '/api/sms', { token, body });
    expect(first.status).toBe(201);
    expect(first.body.body).toContain('03/20 창업도약패키지');
    const again = await call(crm, 'POST', '/api/sms', { token, body });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await count(crm.db, 'sms_messages', `idempotency_key = 'cal-key-0001'`)).toBe(1);
  });

  it('the opt-out list takes real mobile numbers only: junk, landlines and short numbers are a 400 on number', async () => {
    for (const number of ['123', '0212345678', '0101234', '01512345678', '000-0000-0000']) {
      const res = await call(crm, 'POST', '/api/sms/opt-outs', { token, body: { number, source: 'counselor' } });
      expect({
        number,
        status: res.status,
        fields: res.body.error?.fields?.map((f: { path: string }) => f.path),
      }).toEqual({ number, status: 400, fields: ['number'] });
    }
    expect(await count(crm.db, 'sms_opt_outs')).toBe(0);
  });

  it('an opted-out number gets 409 with a clear message and nothing is queued', async () => {
    expect(
      (await call(crm, 'POST', '/api/sms/opt-outs', { token, body: { number: '010-4444-5555', source: 'ivr' } }))
        .status,
    ).toBe(204);
    const before = await count(crm.db, 'sms_messages');
    const res = await send({ callerNumber: '01044445555', template: 'free', text: '안내드립니다' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('수신 거부');
    expect(await count(crm.db, 'sms_messages')).toBe(before);
    // Only an admin lifts an opt-out.
    expect((await call(crm, 'DELETE', '/api/sms/opt-outs/01044445555', { token })).status).toBe(403);
    expect(
      (
        await call(crm, 'DELETE', '/api/sms/opt-outs/01044445555', {
          token: await tokenFor('admin', await makeUser(crm.db, { username: 'root', role: 'admin' })),
        })
      ).status,
    ).toBe(204);
  });

  it('bad input is a 400 naming the field; partner 403 and no token 401 queue nothing', async () => {
    const before = await count(crm.db, 'sms_messages');
    expect((await send({ callerNumber: 'call me', template: 'free', text: 'x' })).body.error.fields[0].path).toBe(
      'callerNumber',
    );
    expect((await send({ callerNumber: '01011112222', template: 'programs', programIds: ['999999'] })).status).toBe(
      400,
    );
    expect((await send({ callerNumber: '01011112222', template: 'free' })).status).toBe(400);
    expect(
      (await send({ callerNumber: '01011112222', template: 'free', text: 'x' }, await tokenFor('partner'))).status,
    ).toBe(403);
    expect(
      (
        await call(crm, 'POST', '/api/sms', {
          body: { idempotencyKey: 'no-token-1', callerNumber: '01011112222', template: 'free', text: 'x' },
        })
      ).status,
    ).toBe(401);
    expect(await count(crm.db, 'sms_messages')).toBe(before);
  });
});

describe('SMS: a Redis outage loses nothing', () => {
  it('messages stored while Redis is unreachable are delivered by the outbox relay later', async () => {
    // Redis "down": nothing listens on port 1.
    const crm = await startTestCrm({
      redisUrl: 'redis://127.0.0.1:1',
      queuePrefix: prefix(),
      relayIntervalMs: 60_000,
      cohortRefreshMs: 0,
    });
    try {
      const token = await tokenFor('counselor', await makeUser(crm.db, { username: 'kim' }));
      const res = await call(crm, 'POST', '/api/sms', {
        token,
        body: { idempotencyKey: 'outage-0001', callerNumber: '01055556666', template: 'free', text: '장애 중 접수' },
      });
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('queued');
      expect(
        (await crm.db.query('SELECT enqueued_at FROM sms_messages WHERE id = $1', [res.body.id])).rows[0].enqueued_at,
      ).toBeNull();

      // Redis is back (another process, the real server): its relay hands the row over and the worker delivers it.
      const workers = startCrmWorkers({
        db: crm.db,
        redisUrl: REDIS_URL,
        prefix: prefix(),
        gateway: createSinkGateway(crm.db),
        log: pino({ level: 'silent' }),
        now: () => new Date(),
        relayIntervalMs: 60_000,
        cohortRefreshMs: 0,
      });
      try {
        expect(await workers.relayOnce()).toBe(1);
        await eventually(
          async () =>
            (await crm.db.query(`SELECT 1 FROM sms_messages WHERE id = $1 AND status = 'delivered'`, [res.body.id]))
              .rowCount,
          'delivery after the outage',
        );
        expect(await count(crm.db, 'sms_sink', 'message_id = $1', [res.body.id])).toBe(1);
        // A second pass finds nothing left to hand over; a re-sent job would not send twice either.
        expect(await workers.relayOnce()).toBe(0);
        await workers.enqueue(res.body.id);
        expect(await count(crm.db, 'sms_sink', 'message_id = $1', [res.body.id])).toBe(1);
      } finally {
        await workers.close();
      }
    } finally {
      await crm.close();
    }
  });

  it('a gateway that keeps refusing ends in failed after the retries', async () => {
    const crm = await startTestCrm({
      redisUrl: REDIS_URL,
      queuePrefix: prefix(),
      cohortRefreshMs: 0,
      smsBackoffMs: 10,
    });
    try {
      await crm.api.workers!.close(); // replace the default sink with a refusing one
      const workers = startCrmWorkers({
        db: crm.db,
        redisUrl: REDIS_URL,
        prefix: prefix(),
        gateway: createSinkGateway(crm.db, { rejectNumbers: new Set(['01099990000']) }),
        log: pino({ level: 'silent' }),
        now: () => new Date(),
        relayIntervalMs: 100,
        cohortRefreshMs: 0,
        smsBackoffMs: 10,
      });
      try {
        const token = await tokenFor('counselor', await makeUser(crm.db, { username: 'kim' }));
        const res = await call(crm, 'POST', '/api/sms', {
          token,
          body: { idempotencyKey: 'refuse-0001', callerNumber: '01099990000', template: 'free', text: '실패 예정' },
        });
        expect(res.status).toBe(201);
        const row = await eventually(
          async () =>
            (
              await crm.db.query(
                `SELECT status, attempts, error FROM sms_messages WHERE id = $1 AND status = 'failed'`,
                [res.body.id],
              )
            ).rows[0],
          'failed status',
        );
        expect(row).toMatchObject({ status: 'failed', attempts: 3, error: 'gateway rejected 01099990000' });
      } finally {
        await workers.close();
      }
    } finally {
      await crm.close();
    }
  });
});
