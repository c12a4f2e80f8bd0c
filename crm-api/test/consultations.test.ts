import { ConsultationDto } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, count, makeCompany, makeUser, startTestCrm, tokenFor, type TestCrm } from './support/server';

describe('consultations', () => {
  let crm: TestCrm;
  let token: string;
  let counselorId: string;
  let companyId: string;
  const valid = (key: string) => ({
    idempotencyKey: key,
    callId: 'call-1',
    companyId,
    callerNumber: '010-1234-5678',
    category: 'finance',
    subCategory: '정책자금',
    summary: '정책자금 신청 자격 문의, 업력 기준 안내',
    outcome: 'resolved',
    followUp: null,
  });

  beforeAll(async () => {
    crm = await startTestCrm();
    counselorId = await makeUser(crm.db, { username: 'kim', displayName: '김상담', agentId: '1001' });
    token = await tokenFor('counselor', counselorId);
    companyId = await makeCompany(crm.db, 10, '(주)한빛정밀');
    // The call the consultations below are about, as telephony's events record it.
    await crm.db.query(
      `INSERT INTO call_records (call_id, caller_number, outcome) VALUES ('call-1', '01012345678', 'answered')`,
    );
  });
  afterAll(() => crm.close());

  it('201 with the stored consultation; the counselor is the token user', async () => {
    const res = await call(crm, 'POST', '/api/consultations', { token, body: valid('key-00000001') });
    expect(res.status).toBe(201);
    const dto = ConsultationDto.parse(res.body);
    expect(dto).toMatchObject({
      companyId,
      callId: 'call-1',
      callerNumber: '01012345678',
      counselorId,
      counselorName: '김상담',
      category: 'finance',
      summary: '정책자금 신청 자격 문의, 업력 기준 안내',
      outcome: 'resolved',
      createdAt: '2025-03-14T03:00:00.000Z',
    });
  });

  it('the same key twice → one row, 200 with the first result', async () => {
    const first = await call(crm, 'POST', '/api/consultations', { token, body: valid('key-00000002') });
    const again = await call(crm, 'POST', '/api/consultations', { token, body: valid('key-00000002') });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await count(crm.db, 'consultations', `idempotency_key = 'key-00000002'`)).toBe(1);
  });

  it('concurrent retries of one key store one row', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => call(crm, 'POST', '/api/consultations', { token, body: valid('key-00000003') })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await count(crm.db, 'consultations', `idempotency_key = 'key-00000003'`)).toBe(1);
  });

  it('the same key with a different body → 409, the first row unchanged', async () => {
    await call(crm, 'POST', '/api/consultations', { token, body: valid('key-00000004') });
    const res = await call(crm, 'POST', '/api/consultations', {
      token,
      body: { ...valid('key-00000004'), summary: '다른 내용' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    const { rows } = await crm.db.query(`SELECT summary FROM consultations WHERE idempotency_key = 'key-00000004'`);
    expect(rows).toEqual([{ summary: '정책자금 신청 자격 문의, 업력 기준 안내' }]);
  });

  it('malformed → 400 naming each bad field, nothing stored', async () => {
    const before = await count(crm.db, 'consultations');
    const res = await call(crm, 'POST', '/api/consultations', {
      token,
      body: { idempotencyKey: 'short', category: 'weather', summary: '   ', outcome: 'maybe' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'category',
      'idempotencyKey',
      'outcome',
      'summary',
    ]);
    expect(await count(crm.db, 'consultations')).toBe(before);
  });

  it('an unknown company, an unknown call or a non-number caller is a 400 on that field', async () => {
    const res = await call(crm, 'POST', '/api/consultations', {
      token,
      body: { ...valid('key-00000005'), companyId: '999999', callerNumber: 'call me', callId: 'no-such-call' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'callId',
      'callerNumber',
      'companyId',
    ]);
    expect(res.body.error.fields).toContainEqual({ path: 'callId', message: '존재하지 않는 통화입니다' });
    expect(await count(crm.db, 'consultations', `idempotency_key = 'key-00000005'`)).toBe(0);
  });

  it('401 without a token and 403 for service/partner tokens; nothing stored', async () => {
    const before = await count(crm.db, 'consultations');
    const none = await call(crm, 'POST', '/api/consultations', { body: valid('key-00000006') });
    expect(none.status).toBe(401);
    const service = await call(crm, 'POST', '/api/consultations', {
      token: await tokenFor('service'),
      body: valid('key-00000007'),
    });
    expect(service.status).toBe(403);
    expect(service.body.error.code).toBe('FORBIDDEN');
    const partner = await call(crm, 'POST', '/api/consultations', {
      token: await tokenFor('partner'),
      body: valid('key-00000008'),
    });
    expect(partner.status).toBe(403);
    expect(await count(crm.db, 'consultations')).toBe(before);
  });

  it('GET lists by company or number, newest first, limited', async () => {
    for (let i = 0; i < 3; i++) {
      crm.setNow(new Date(Date.UTC(2025, 2, 14, 3, 10 + i))); // within the token's hour
      await call(crm, 'POST', '/api/consultations', {
        token,
        body: { ...valid(`list-key-${i}`), callerNumber: '0311234567', companyId: null, summary: `목록 ${i}` },
      });
    }
    const byNumber = await call(crm, 'GET', '/api/consultations?callerNumber=031-123-4567&limit=2', { token });
    expect(byNumber.status).toBe(200);
    expect(byNumber.body.map((c: ConsultationDto) => c.summary)).toEqual(['목록 2', '목록 1']);
    const byCompany = await call(crm, 'GET', `/api/consultations?companyId=${companyId}`, { token });
    expect(byCompany.body.length).toBeGreaterThan(0);
    expect(byCompany.body.every((c: ConsultationDto) => c.companyId === companyId)).toBe(true);
    const bad = await call(crm, 'GET', '/api/consultations?limit=0&companyId=abc', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['companyId', 'limit']);
    expect(await count(crm.db, 'audit_log', `action = 'consultation.list'`)).toBe(2);
  });
});
