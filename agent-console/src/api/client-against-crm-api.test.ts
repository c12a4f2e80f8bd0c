import {
  bizRegNoCheckDigit,
  CallerPop,
  CompanyDetail,
  ConsultationDto,
  ImportReport,
  ProgramDto,
  seoulDate,
  type CreateConsultationRequest,
  type LoginResponse,
} from '@cc1357/contracts';
import { DEMO_PASSWORD, seed, seedSampleCallers, startCrmApi, type CrmApiHandle } from '@cc1357/crm-api';
import { createTestDatabase, type TestDatabase } from '@cc1357/crm-api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createApiClient, type ApiClient } from '.';
import iconv from 'iconv-lite';

/**
 * The console's REST client against the REAL crm-api over a throwaway seeded database: every
 * path, query string and body the client builds must be one crm-api accepts, and every answer
 * one the client's contract schemas read. (api-client.test.ts covers malformed answers.)
 */
const SECRET = 'console-crm-secret-0123456789';

let database: TestDatabase;

let crm: CrmApiHandle;

/** A number stored for exactly one company, a mobile one (SMS needs a mobile). */
let knownNumber: string;

type Session = { api: ApiClient; login: LoginResponse };

/** Filled in beforeAll, one logged-in client per seeded role. */
const sessions = {} as Record<'counselor' | 'supervisor' | 'admin', Session>;

/** A client logged in through its own login call, holding the token like the app does. */
async function loggedIn(username: string): Promise<Session> {
  let token: string | null = null;
  const api = createApiClient({ baseUrl: crm.url, token: () => token });
  const login = await api.login({ username, password: DEMO_PASSWORD });
  token = login.token;
  return { api, login };
}

/** The rejection of a call, which must be an ApiError. */
async function failureOf(call: Promise<unknown>): Promise<ApiError> {
  const outcome = await call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome))
    throw new Error(`expected an ApiError, got ${JSON.stringify(outcome.value).slice(0, 200)}`);
  expect(outcome.error).toBeInstanceOf(ApiError);
  return outcome.error as ApiError;
}

/** A valid 사업자등록번호 crm-api has not seeded (seeded ones never use the 999 prefix). */
function freshBizRegNo(n: number): string {
  const nine = `99981${String(n).padStart(4, '0')}`;
  return `${nine}${bizRegNoCheckDigit(nine)}`;
}

const uniqueKey = (label: string) => `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.url, { companies: 50, seed: 1357 });
  const sample = await seedSampleCallers(database.url, 50);
  const mobile = sample.known.find((n) => n.startsWith('010'));
  if (!mobile) throw new Error('the seed has no mobile number of exactly one company');
  knownNumber = mobile;
  // No redisUrl: SMS stay queued, no workers to stop.
  crm = await startCrmApi({
    databaseUrl: database.url,
    authSecret: SECRET,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
  });
  for (const role of ['counselor', 'supervisor', 'admin'] as const) sessions[role] = await loggedIn(role);
}, 180_000);

afterAll(async () => {
  // crm-api's pools ignore idle-client errors, so the forced drop after close() cannot surface.
  await crm?.close();
  await database?.drop();
});

describe('api client against the real crm-api: auth', () => {
  it('logs in with the seeded users; a refused login is ApiError 401 with the server message', async () => {
    expect(sessions.counselor.login.user).toMatchObject({ username: 'counselor', role: 'counselor', agentId: '1001' });
    expect(sessions.admin.login.user.role).toBe('admin');
    expect(Date.parse(sessions.counselor.login.expiresAt)).toBeGreaterThan(Date.now());
    const refused = await failureOf(
      createApiClient({ baseUrl: crm.url }).login({ username: 'counselor', password: 'wrong-password' }),
    );
    expect(refused).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect(refused.message).not.toMatch(/HTTP 401/); // the server's own message, not the fallback
  });

  it('a dead token is a 401 that calls onUnauthorized; a role crm-api refuses is 403', async () => {
    let dropped = 0;
    const stale = createApiClient({ baseUrl: crm.url, token: () => 'not-a-token', onUnauthorized: () => dropped++ });
    expect(await failureOf(stale.categories())).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect(dropped).toBe(1);
    expect(await failureOf(sessions.counselor.api.todayStats())).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });
});

describe('api client against the real crm-api: caller pop and company view', () => {
  it('pops a known number as its one company, narrows by 사업자등록번호, and pops a withheld caller', async () => {
    const pop = await sessions.counselor.api.callerPop(knownNumber);
    CallerPop.parse(pop);
    expect(pop.status).toBe('known');
    expect(pop.number).toBe(knownNumber);
    expect(pop.companies).toHaveLength(1);
    expect(pop.contact?.phones.map((p) => p.number)).toContain(knownNumber);
    const company = pop.companies[0]!;
    const narrowed = await sessions.counselor.api.callerPop(knownNumber, {
      bizRegNo: company.bizRegNo,
      callId: 'console-crm-call-1',
    });
    expect(narrowed.status).toBe('known');
    expect(narrowed.companies.map((c) => c.id)).toEqual([company.id]);
    const withheld = await sessions.counselor.api.callerPop(null);
    expect(withheld).toMatchObject({ status: 'withheld', number: null, companies: [], contact: null });
  });

  it('a number crm-api cannot read and a bad 사업자등록번호 are 400s with field errors', async () => {
    const badNumber = await failureOf(sessions.counselor.api.callerPop('abc'));
    expect(badNumber).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(badNumber.fields.map((f) => f.path)).toEqual(['number']);
    const badRegNo = await failureOf(sessions.counselor.api.callerPop(knownNumber, { bizRegNo: '1234567890' }));
    expect(badRegNo.fields).toEqual([{ path: 'bizRegNo', message: '유효한 사업자등록번호가 아닙니다' }]);
  });

  it('company detail and recommendations are those of the popped company', async () => {
    const pop = await sessions.counselor.api.callerPop(knownNumber);
    const companyId = pop.companies[0]!.id;
    const detail = await sessions.counselor.api.company(companyId);
    expect(detail.company).toEqual(pop.companies[0]);
    expect(detail.contacts.flatMap((c) => c.phones.map((p) => p.number))).toContain(knownNumber);
    expect(detail.supportHistory.total).toBe(detail.supportHistory.years.reduce((sum, y) => sum + y.total, 0));
    const recs = await sessions.counselor.api.recommendations(companyId);
    expect(recs.companyId).toBe(companyId);
    // The pop computes the same recommendations and support summary for the same company.
    expect(recs.recommendations.length).toBeGreaterThan(0);
    expect(recs.recommendations.map((r) => r.program.id)).toEqual(pop.recommendations?.map((r) => r.program.id));
    expect(detail.supportHistory).toEqual(pop.supportHistory);
    for (const r of recs.recommendations) {
      expect(['open', 'soon']).toContain(r.window);
      expect(r.share).toBeGreaterThanOrEqual(0);
      expect(r.share).toBeLessThanOrEqual(1);
    }
    expect(await failureOf(sessions.counselor.api.company('999999999'))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it('search finds the company by 사업자등록번호 and by masked phone', async () => {
    const company = (await sessions.counselor.api.callerPop(knownNumber)).companies[0]!;
    const byRegNo = await sessions.counselor.api.searchCompanies({ bizRegNo: company.bizRegNo });
    expect(byRegNo.map((h) => [h.id, h.match])).toEqual([[company.id, 'bizRegNo']]);
    const byPhone = await sessions.counselor.api.searchCompanies({ phone: knownNumber });
    expect(byPhone.find((h) => h.id === company.id)?.match).toBe('phone');
    expect(byPhone.find((h) => h.id === company.id)?.phones).toContain(
      `${knownNumber.slice(0, 3)}-****-${knownNumber.slice(-4)}`,
    );
    // Lists are masked: the full number never appears in a search hit.
    expect(byPhone.flatMap((h) => h.phones)).not.toContain(knownNumber);
    const limited = await sessions.counselor.api.searchCompanies({ region: company.region, limit: '2' });
    expect(limited.length).toBeLessThanOrEqual(2);
    expect(limited.every((h) => h.region === company.region)).toBe(true);
  });
});

describe('api client against the real crm-api: consultations', () => {
  const requestFor = (
    companyId: string,
    key: string,
    summary = '정책자금 신청 자격 문의',
  ): CreateConsultationRequest => ({
    idempotencyKey: key,
    callId: null,
    companyId,
    callerNumber: knownNumber,
    category: 'finance',
    subCategory: null,
    summary,
    outcome: 'followUp',
    followUp: '서류 안내 문자 발송',
  });

  it('saves once per idempotency key, lists it for the company, searches it, and edits it with revisions', async () => {
    const { api, login } = sessions.counselor;
    const companyId = (await api.callerPop(knownNumber)).companies[0]!.id;
    const key = uniqueKey('console-crm');
    const first = await api.createConsultation(requestFor(companyId, key));
    const retried = await api.createConsultation(requestFor(companyId, key));
    expect(retried.id).toBe(first.id);
    expect(first).toMatchObject({
      companyId,
      callerNumber: knownNumber,
      counselorId: login.user.id,
      category: 'finance',
      outcome: 'followUp',
    });

    const ofCompany = await api.consultationsOfCompany(companyId);
    expect(ofCompany.filter((c) => c.id === first.id)).toHaveLength(1);
    expect(ofCompany.every((c) => c.companyId === companyId)).toBe(true);
    ConsultationDto.array().parse(ofCompany);

    const found = await api.searchConsultations({ companyId, category: 'finance' });
    const hit = found.find((c) => c.id === first.id);
    expect(hit?.companyName).toBe((await api.company(companyId)).company.name);

    const detail = await api.consultation(first.id);
    expect(detail).toMatchObject({ id: first.id, revision: 1, updatedAt: null, followUpClosedAt: null });
    const edited = await api.patchConsultation(first.id, {
      expectedRevision: 1,
      summary: '정책자금 신청 자격 및 서류 문의',
      followUpClosed: true,
    });
    expect(edited).toMatchObject({ id: first.id, revision: 2, summary: '정책자금 신청 자격 및 서류 문의' });
    expect(edited.followUpClosedAt).not.toBeNull();

    const stale = await failureOf(
      api.patchConsultation(first.id, { expectedRevision: 1, summary: '늦게 도착한 수정' }),
    );
    expect(stale).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(stale.fields).toEqual([{ path: 'expectedRevision', message: '현재 판은 2입니다' }]);
    expect((await api.consultation(first.id)).summary).toBe('정책자금 신청 자격 및 서류 문의');

    const revisions = await api.revisions(first.id);
    expect(revisions.map((r) => r.revision)).toEqual([1]);
    expect(revisions[0]!.snapshot).toMatchObject({ summary: '정책자금 신청 자격 문의' });
    expect(revisions[0]!.changedFields).toContain('summary');
    expect(revisions[0]!.changedBy).toBe(login.user.id);
  });

  it('the same key with other content is a 409; crm-api validation 400s come back as field errors', async () => {
    const { api } = sessions.counselor;
    const companyId = (await api.callerPop(knownNumber)).companies[0]!.id;
    const key = uniqueKey('console-crm');
    await api.createConsultation(requestFor(companyId, key));
    const reused = await failureOf(api.createConsultation(requestFor(companyId, key, '다른 내용')));
    expect(reused).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      fields: [{ path: 'idempotencyKey', message: '이미 사용된 키입니다' }],
    });
    const blank = await failureOf(api.createConsultation(requestFor(companyId, uniqueKey('console-crm'), '   ')));
    expect(blank).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      fields: [{ path: 'summary', message: '상담 내용을 입력하세요' }],
    });
    const badSub = await failureOf(
      api.patchConsultation((await api.consultationsOfCompany(companyId, 1))[0]!.id, { subCategory: '없는 세부 분류' }),
    );
    expect(badSub.fields).toEqual([{ path: 'subCategory', message: '이 분류의 세부 분류가 아닙니다' }]);
  });

  it('the sub-category catalogue lists every category, and a listed sub-category is accepted', async () => {
    const { api } = sessions.counselor;
    const catalogue = await api.categories();
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
    const finance = catalogue.find((c) => c.category === 'finance')!;
    expect(finance.labelKo).not.toBe('');
    const sub = finance.subCategories[0];
    expect(sub).toBeDefined();
    const companyId = (await api.callerPop(knownNumber)).companies[0]!.id;
    const saved = await api.createConsultation({
      ...requestFor(companyId, uniqueKey('console-crm')),
      subCategory: sub!,
    });
    expect(saved.subCategory).toBe(sub);
  });
});

describe('api client against the real crm-api: callbacks and SMS', () => {
  it('creates, lists, refuses a second open one, cancels once, and the pop shows it while open', async () => {
    const { api, login } = sessions.counselor;
    const companyId = (await api.callerPop(knownNumber)).companies[0]!.id;
    const dueAt = new Date(Date.now() + 3_600_000).toISOString();
    const created = await api.createCallback({
      number: knownNumber,
      queue: 'fund',
      dueAt,
      companyId,
      note: '오후 재통화 요청',
    });
    expect(created).toMatchObject({
      number: knownNumber,
      queue: 'fund',
      status: 'open',
      companyId,
      note: '오후 재통화 요청',
      requestedBy: login.user.username,
      closedAt: null,
    });
    expect(Date.parse(created.dueAt)).toBe(Date.parse(dueAt));

    const open = await api.callbacks({ status: 'open', number: knownNumber });
    expect(open.map((c) => c.id)).toEqual([created.id]);
    expect((await api.callerPop(knownNumber)).openItems?.callbacks.map((c) => c.id)).toEqual([created.id]);

    const second = await failureOf(api.createCallback({ number: knownNumber, queue: 'general', dueAt }));
    expect(second).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      fields: [{ path: 'number', message: '대기 중인 콜백이 있습니다' }],
    });

    const cancelled = await api.cancelCallback(created.id);
    expect(cancelled).toMatchObject({ id: created.id, status: 'cancelled' });
    expect(cancelled.closedAt).not.toBeNull();
    expect(await failureOf(api.cancelCallback(created.id))).toMatchObject({ status: 409, code: 'INVALID_STATE' });
    expect((await api.callbacks({ status: 'cancelled' })).map((c) => c.id)).toContain(created.id);
    expect(await api.callbacks({ status: 'open', number: knownNumber })).toEqual([]);
    expect(await failureOf(api.cancelCallback('999999999'))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('sends an SMS once per key (queued without Redis) and lists it in the number history', async () => {
    const { api } = sessions.counselor;
    const companyId = (await api.callerPop(knownNumber)).companies[0]!.id;
    const req = {
      idempotencyKey: uniqueKey('console-sms'),
      callerNumber: knownNumber,
      companyId,
      template: 'free' as const,
      text: '1357 상담 안내: 신청서는 기업마당에서 내려받으세요',
    };
    const sent = await api.sendSms(req);
    expect(sent).toMatchObject({
      callerNumber: knownNumber,
      companyId,
      template: 'free',
      body: req.text,
      status: 'queued',
      attempts: 0,
      sentAt: null,
    });
    expect((await api.sendSms(req)).id).toBe(sent.id);
    const history = await api.smsOf(knownNumber);
    expect(history.filter((m) => m.id === sent.id)).toHaveLength(1);
    const noText = await failureOf(api.sendSms({ ...req, idempotencyKey: uniqueKey('console-sms'), text: undefined }));
    expect(noText).toMatchObject({ status: 400, fields: [{ path: 'text', message: '보낼 내용을 입력하세요' }] });
  });

  it('an SMS of catalogue programs carries their ids', async () => {
    const { api } = sessions.counselor;
    const program = (await api.programs())[0]!;
    const sent = await api.sendSms({
      idempotencyKey: uniqueKey('console-sms'),
      callerNumber: knownNumber,
      template: 'programs',
      programIds: [program.id],
    });
    expect(sent.programIds).toEqual([program.id]);
    expect(sent.body).toContain(program.name);
  });
});

describe('api client against the real crm-api: programs, calendar and stats', () => {
  it('lists the catalogue, filters it by category and open day, and places programs in the calendar week they open', async () => {
    const { api } = sessions.counselor;
    const all = await api.programs();
    expect(all.length).toBeGreaterThan(0);
    ProgramDto.array().parse(all);
    const category = all[0]!.category;
    const ofCategory = await api.programs({ category });
    expect(ofCategory.length).toBeGreaterThan(0);
    expect(ofCategory.every((p) => p.category === category)).toBe(true);
    const today = seoulDate(new Date());
    const openToday = await api.programs({ openOn: today });
    expect(openToday.length).toBeGreaterThan(0);
    expect(openToday.every((p) => p.opensOn <= today && today <= p.closesOn)).toBe(true);

    const program = all[0]!;
    const calendar = await api.calendar({ from: program.opensOn, weeks: 2 });
    expect(calendar).toMatchObject({ from: program.opensOn, weeks: 2 });
    expect(calendar.byWeek).toHaveLength(2);
    expect(calendar.byWeek[0]!.programs.map((p) => p.id)).toContain(program.id);
    const defaults = await api.calendar();
    expect(defaults.from).toBe(today);
    expect(defaults.byWeek).toHaveLength(defaults.weeks);

    const badDay = await failureOf(api.programs({ openOn: '2025-13-40' }));
    expect(badDay).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(badDay.fields.map((f) => f.path)).toEqual(['openOn']);
  });

  it("today's stats and the IVR drop-out report answer for the supervisor", async () => {
    const { api } = sessions.supervisor;
    const today = seoulDate(new Date());
    expect((await api.todayStats()).date).toBe(today);
    const dropout = await api.ivrDropout(today);
    expect(dropout).toMatchObject({ date: today, enteredIvr: 0, leftInIvr: 0 });
  });

  it("my day (issue 16): the counselor's own, today by default; a bad date is a 400 naming it", async () => {
    const { api, login } = sessions.counselor;
    const today = seoulDate(new Date());
    const day = await api.myDay();
    expect(day).toMatchObject({ date: today, agentId: login.user.agentId, truncated: false });
    expect(day.figures.answered.formula).toBe('answered.v1');
    expect((await api.myDay(today)).date).toBe(today);
    const bad = await failureOf(api.myDay('2025-13-40'));
    expect(bad).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(bad.fields.map((f) => f.path)).toEqual(['date']);
  });
});

describe('api client against the real crm-api: CSV imports', () => {
  const COMPANY_HEADER = 'bizRegNo,name,representative,region,ksicCode,ksicLabel,sizeClass,employees,foundedOn';

  it('imports companies as text/csv: one row in, one refused with its reasons; the new company is searchable', async () => {
    const { api } = sessions.admin;
    const good = freshBizRegNo(1);
    const csv = [
      COMPANY_HEADER,
      `${good},콘솔가져오기기업,김철수,경기도,C25,금속가공제품 제조업,소기업,20,2012-05-01`,
      `1234567890,잘못된기업,이영희,서울,C25,금속가공제품 제조업,대기업,5,2015-01-01`,
    ].join('\n');
    const report = await api.importCsv('companies', csv);
    ImportReport.parse(report);
    expect(report).toMatchObject({ total: 2, accepted: 1, inserted: 1, updated: 0, unchanged: 0 });
    expect(report.rejected).toEqual([
      {
        row: 3,
        reasons: [
          '사업자등록번호 검증번호가 맞지 않습니다',
          '지역은 17개 시·도 정식 명칭이어야 합니다',
          '규모는 소상공인·소기업·중기업 중 하나입니다',
        ],
        values: expect.objectContaining({ name: '잘못된기업' }),
      },
    ]);
    const hits = await api.searchCompanies({ bizRegNo: good });
    expect(hits.map((h) => [h.name, h.match])).toEqual([['콘솔가져오기기업', 'bizRegNo']]);
  });

  it('sends the file as read: a CP949 file (Korean Excel "CSV") is stored as Korean, not mojibake', async () => {
    const { api } = sessions.admin;
    const good = freshBizRegNo(2);
    const bytes = iconv.encode(
      `${COMPANY_HEADER}\r\n${good},씨피구사구건설,김정우,경기도,F41,종합 건설업,소기업,23,2015-04-01\r\n`,
      'cp949',
    );
    expect(await api.importCsv('companies', new Uint8Array(bytes))).toMatchObject({ inserted: 1, rejected: [] });
    const hits = await api.searchCompanies({ bizRegNo: good });
    expect(hits.map((h) => h.name)).toEqual(['씨피구사구건설']);
  });

  it('imports support history for the popped company; it shows in the company view; the counselor may not import', async () => {
    const { api } = sessions.admin;
    const company = (await api.callerPop(knownNumber)).companies[0]!;
    const csv = [
      'bizRegNo,program,agency,year,amount,status',
      `${company.bizRegNo},콘솔 테스트 지원사업,중소벤처기업부,2024,"12,000,000",지급`,
      `${company.bizRegNo},콘솔 테스트 지원사업,중소벤처기업부,1900,abc,보류`,
    ].join('\n');
    const report = await api.importCsv('support-history', csv);
    expect(report).toMatchObject({ total: 2, accepted: 1, inserted: 1 });
    expect(report.rejected.map((r) => r.row)).toEqual([3]);
    expect(report.rejected[0]!.reasons).toContain('연도 범위(1990–2100)를 벗어났습니다');
    expect(report.rejected[0]!.reasons).toContain('금액은 원 단위 0 이상의 정수입니다');

    const detail = CompanyDetail.parse(await api.company(company.id));
    const items = detail.supportHistory.years.flatMap((y) => y.items);
    expect(items.filter((i) => i.programName === '콘솔 테스트 지원사업')).toEqual([
      expect.objectContaining({ year: 2024, amount: 12_000_000, status: 'paid', agency: '중소벤처기업부' }),
    ]);
    expect(await failureOf(sessions.counselor.api.importCsv('support-history', csv))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    const empty = await failureOf(api.importCsv('companies', '   '));
    expect(empty).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });
});

describe('api client against the real crm-api: review criteria (the 녹취 screen’s editor)', () => {
  it('adds, changes and reorders criteria as a supervisor; a bad one is a 400 naming the field, a taken name a 409', async () => {
    const { api } = sessions.supervisor;
    const added = await api.createReviewCriterion({ label: '콘솔 항목', maxScore: 7, active: true, sortOrder: 50 });
    expect(added).toMatchObject({ label: '콘솔 항목', maxScore: 7, active: true });
    const changed = await api.updateReviewCriterion(added.id, { ...added, label: '콘솔 항목 2', active: false });
    expect(changed).toMatchObject({ id: added.id, label: '콘솔 항목 2', active: false });
    const ids = (await api.reviewCriteria()).map((c) => c.id);
    const reordered = await api.reorderReviewCriteria([...ids].reverse());
    expect(reordered.map((c) => c.id)).toEqual([...ids].reverse());
    const bad = await failureOf(api.updateReviewCriterion(added.id, { ...changed, maxScore: 0 }));
    expect(bad).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(bad.fields.map((f) => f.path)).toEqual(['maxScore']);
    const taken = await failureOf(api.createReviewCriterion({ ...changed, label: reordered[1]!.label }));
    expect(taken).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(await failureOf(sessions.counselor.api.reorderReviewCriteria(ids))).toMatchObject({ status: 403 });
  });
});
