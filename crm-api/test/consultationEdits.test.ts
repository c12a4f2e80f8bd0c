import { ConsultationDetail, SubCategoryCatalogue } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, count, makeCompany, makeUser, startTestCrm, tokenFor, type TestCrm } from './support/server';

describe('consultation edits, revisions and the sub-category catalogue', () => {
  let crm: TestCrm;
  let kim: string;
  let lee: string;
  let tokenKim: string;
  let tokenLee: string;
  let id: string;

  beforeAll(async () => {
    crm = await startTestCrm();
    kim = await makeUser(crm.db, { username: 'kim', displayName: '김상담' });
    lee = await makeUser(crm.db, { username: 'lee', displayName: '이상담' });
    tokenKim = await tokenFor('counselor', kim);
    tokenLee = await tokenFor('counselor', lee);
    const companyId = await makeCompany(crm.db, 1);
    const created = await call(crm, 'POST', '/api/consultations', {
      token: tokenKim,
      body: {
        idempotencyKey: 'edit-key-0001',
        companyId,
        callerNumber: '010-1234-5678',
        category: 'finance',
        subCategory: '정책자금',
        summary: '정책자금 문의',
        outcome: 'followUp',
        followUp: '서류 확인 후 회신',
      },
    });
    expect(created.status).toBe(201);
    id = created.body.id;
  });
  afterAll(() => crm.close());

  const patch = (body: unknown, token = tokenKim) => call(crm, 'PATCH', `/api/consultations/${id}`, { token, body });

  it('catalogue lists every category with its sub-categories', async () => {
    const res = await call(crm, 'GET', '/api/consultation-categories', { token: tokenKim });
    const catalogue = SubCategoryCatalogue.parse(res.body);
    expect(catalogue.map((c) => c.category)).toEqual([
      'finance',
      'tech',
      'workforce',
      'export',
      'domestic',
      'startup',
      'management',
      'other',
    ]);
    expect(catalogue.find((c) => c.category === 'startup')!.subCategories).toContain('창업·벤처 > 1인창조기업');
  });

  it('PATCH keeps the replaced version as a revision, bumps the revision and audits', async () => {
    const res = await patch({
      expectedRevision: 1,
      summary: '정책자금 문의 — 업력 조건 확인',
      subCategory: '긴급경영안정자금',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const detail = ConsultationDetail.parse(res.body);
    expect(detail).toMatchObject({
      revision: 2,
      summary: '정책자금 문의 — 업력 조건 확인',
      subCategory: '긴급경영안정자금',
      updatedByName: '김상담',
    });
    const closed = await patch({ expectedRevision: 2, followUpClosed: true });
    expect(closed.body.followUpClosedAt).not.toBeNull();
    const revisions = await call(crm, 'GET', `/api/consultations/${id}/revisions`, { token: tokenKim });
    expect(
      revisions.body.map((r: { revision: number; changedFields: string[] }) => [r.revision, r.changedFields]),
    ).toEqual([
      [1, ['subCategory', 'summary']],
      [2, ['followUpClosedAt']],
    ]);
    expect(revisions.body[0].snapshot).toMatchObject({ summary: '정책자금 문의', revision: 1 });
    expect(await count(crm.db, 'audit_log', `action = 'consultation.update' AND subject_id = $1`, [id])).toBe(2);
  });

  it('a PATCH that changes nothing keeps the revision', async () => {
    const before = (await call(crm, 'GET', `/api/consultations/${id}`, { token: tokenKim })).body.revision;
    const res = await patch({ outcome: 'followUp' });
    expect(res.body.revision).toBe(before);
  });

  it('stale expectedRevision → 409; unknown sub-category → 400; neither changes anything', async () => {
    const before = await count(crm.db, 'consultation_revisions');
    const stale = await patch({ expectedRevision: 1, summary: '덮어쓰기' });
    expect(stale.status).toBe(409);
    const bad = await patch({ subCategory: '없는 분류' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('subCategory');
    expect(await count(crm.db, 'consultation_revisions')).toBe(before);
    expect((await call(crm, 'GET', `/api/consultations/${id}`, { token: tokenKim })).body.summary).toBe(
      '정책자금 문의 — 업력 조건 확인',
    );
  });

  it('another counselor → 403, partner → 403, no token → 401, and the row is unchanged', async () => {
    const before = await crm.db.query('SELECT summary, revision FROM consultations WHERE id = $1', [id]);
    const audits = await count(crm.db, 'audit_log');
    expect((await patch({ summary: '남의 기록 수정' }, tokenLee)).status).toBe(403);
    expect((await patch({ summary: '파트너' }, await tokenFor('partner'))).status).toBe(403);
    expect((await call(crm, 'PATCH', `/api/consultations/${id}`, { body: { summary: 'x' } })).status).toBe(401);
    expect((await crm.db.query('SELECT summary, revision FROM consultations WHERE id = $1', [id])).rows).toEqual(
      before.rows,
    );
    expect(await count(crm.db, 'audit_log')).toBe(audits);
    // A supervisor may correct anyone's record.
    const sup = await makeUser(crm.db, { username: 'park', role: 'supervisor' });
    expect((await patch({ summary: '관리자 정정' }, await tokenFor('supervisor', sup))).status).toBe(200);
  });

  it('the single record shows the number in full and is audited; lists mask it', async () => {
    const one = await call(crm, 'GET', `/api/consultations/${id}`, { token: tokenLee });
    expect(one.body.callerNumber).toBe('01012345678');
    expect(await count(crm.db, 'audit_log', `action = 'consultation.read' AND actor_id = $1`, [lee])).toBe(1);
    const list = await call(crm, 'GET', '/api/consultations?callerNumber=01012345678', { token: tokenLee });
    expect(list.body[0].callerNumber).toBe('010-****-5678');
    expect(
      (await call(crm, 'PATCH', '/api/consultations/999999', { token: tokenKim, body: { summary: 'x' } })).status,
    ).toBe(404);
  });
});
