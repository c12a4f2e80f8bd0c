import { calendarSmsText, CATEGORY_CODES, isMobileNumber, MAX_SMS_PROGRAMS, programsSmsText, type CallerPop, type CompanyDetail, type ConsultationDetail, type ImportReport, type ProgramCalendar, type ProgramDto } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { company, recommendation, supportHistory } from './factories';
import type { ApiClient, StorageLike } from '../src/api';
import { queryOf } from '../src/api';
import { callbackRequest, defaultDueLocal, dueIso } from '../src/features/callbacks/callback-model';
import { timelineOf } from '../src/features/calendar/timeline-model';
import { emptyDraft } from '../src/features/consultation/draft';
import { clearDraft, draftKey, isBlankDraft, loadDraft, persistDraft } from '../src/features/consultation/draft-store';
import { patchOf, revisionLines } from '../src/features/consultation/edit';
import { insertTemplate, SUMMARY_TEMPLATES } from '../src/features/consultation/templates';
import { checkCsv, reasonCounts } from '../src/features/imports/import-model';
import { loadCompany } from '../src/features/search/CompanyView';
import { rangeError, searchKind, searchRequests } from '../src/features/search/search-model';
import { inFlight, previewOf, smsBytes, smsKind, togglePick } from '../src/features/sms/sms-model';

function memoryStorage(): StorageLike & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe('consultation drafts in storage', () => {
  it('keys drafts by user and call, "none" without a call', () => {
    expect(draftKey('7', 'call-1')).toBe('cc1357.draft.7.call-1');
    expect(draftKey('7', null)).toBe('cc1357.draft.7.none');
  });

  it('keeps a typed draft with its idempotency key and time, and gives it back', () => {
    const storage = memoryStorage();
    const draft = { ...emptyDraft('consult-abcdefgh'), category: 'finance' as const, summary: '정책자금 문의' };
    persistDraft(storage, 'k', draft, Date.parse('2026-03-03T01:02:03Z'));
    expect(loadDraft(storage, 'k')).toEqual({ savedAt: '2026-03-03T01:02:03.000Z', draft });
  });

  it('forgets a draft that is blank again, and one cleared after a save', () => {
    const storage = memoryStorage();
    persistDraft(storage, 'k', { ...emptyDraft('consult-abcdefgh'), summary: 'x' }, 0);
    persistDraft(storage, 'k', emptyDraft('consult-abcdefgh'), 0);
    expect(storage.map.has('k')).toBe(false);
    persistDraft(storage, 'k', { ...emptyDraft('consult-abcdefgh'), summary: 'x' }, 0);
    clearDraft(storage, 'k');
    expect(loadDraft(storage, 'k')).toBeNull();
  });

  it.each([['not json'], [JSON.stringify({ savedAt: 'x', draft: { summary: 1 } })], [JSON.stringify({ savedAt: 'x', draft: { ...emptyDraft('consult-abcdefgh'), category: 'weird' } })]])(
    'drops an unreadable stored draft (%s) instead of crashing',
    (raw) => {
      const storage = memoryStorage();
      storage.setItem('k', raw);
      expect(loadDraft(storage, 'k')).toBeNull();
      expect(storage.map.has('k')).toBe(false);
    },
  );

  it('a storage that refuses writes (quota) does not throw', () => {
    const full: StorageLike = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => undefined };
    expect(() => persistDraft(full, 'k', { ...emptyDraft('consult-abcdefgh'), summary: 'x' }, 0)).not.toThrow();
  });

  it('blank means nothing typed and the default outcome', () => {
    expect(isBlankDraft(emptyDraft('consult-abcdefgh'))).toBe(true);
    expect(isBlankDraft({ ...emptyDraft('consult-abcdefgh'), outcome: 'info' })).toBe(false);
    expect(isBlankDraft({ ...emptyDraft('consult-abcdefgh'), followUp: ' ' })).toBe(true);
  });
});

describe('summary templates', () => {
  it.each([
    ['', 'finance', SUMMARY_TEMPLATES.finance],
    ['고객 문의', 'startup', `고객 문의\n${SUMMARY_TEMPLATES.startup}`],
    ['고객 문의\n\n', 'export', `고객 문의\n${SUMMARY_TEMPLATES.export}`],
    [SUMMARY_TEMPLATES.tech, 'tech', SUMMARY_TEMPLATES.tech],
  ] as const)('%j + %s template', (summary, category, expected) => expect(insertTemplate(summary, category)).toBe(expected));

  it('every category has a template', () => {
    for (const category of CATEGORY_CODES) expect(SUMMARY_TEMPLATES[category]).toContain('[다음]');
  });
});

const detail = (over: Partial<ConsultationDetail> = {}): ConsultationDetail => ({
  id: '5', companyId: '1', callId: 'c', callerNumber: '01012345678', counselorId: '7', counselorName: '이상담', category: 'finance', subCategory: null,
  summary: '정책자금 문의', outcome: 'followUp', followUp: '서류 안내 회신', createdAt: '2026-03-03T00:00:00Z', revision: 2, updatedAt: null, updatedByName: null,
  recordingName: null, relayId: null, followUpClosedAt: null, ...over,
});

describe('consultation edit', () => {
  it('nothing changed → no PATCH', () => {
    expect(patchOf(detail(), { category: 'finance', subCategory: ' ', summary: '정책자금 문의 ', outcome: 'followUp', followUp: '서류 안내 회신', followUpClosed: false })).toBeNull();
  });
  it('only the changed fields, with the revision read', () => {
    expect(patchOf(detail(), { category: 'tech', subCategory: 'R&D 과제', summary: '정책자금 문의', outcome: 'followUp', followUp: '', followUpClosed: true })).toEqual({
      expectedRevision: 2, category: 'tech', subCategory: 'R&D 과제', followUp: null, followUpClosed: true,
    });
  });
  it('revision lines newest first with the value each field had', () => {
    const lines = revisionLines([
      { revision: 1, snapshot: { summary: '처음', outcome: 'info' }, changedFields: ['summary'], changedBy: '7', changedByName: '이상담', changedAt: '2026-03-03T00:00:00Z' },
      { revision: 2, snapshot: { summary: '둘째', subCategory: null }, changedFields: ['subCategory'], changedBy: '8', changedByName: '관리자', changedAt: '2026-03-03T01:00:00Z' },
    ]);
    expect(lines.map((l) => l.revision)).toEqual([2, 1]);
    expect(lines[0]!.changes).toEqual([{ field: 'subCategory', value: '' }]);
    expect(lines[1]!.changes).toEqual([{ field: 'summary', value: '처음' }]);
  });
});

const program = (over: Partial<ProgramDto> = {}): ProgramDto => ({
  id: '11', code: 'SBC-1', name: '혁신성장지원자금', agency: '중진공', level: 'central', category: 'finance', description: '', url: 'https://k.go.kr/1',
  eligibleRegions: null, eligibleSizes: null, eligibleKsic: null, minAgeYears: null, maxAgeYears: null, maxAmount: null, announcedOn: '2026-02-01', opensOn: '2026-03-02', closesOn: '2026-03-31', ...over,
});

describe('SMS', () => {
  it('previews the programs text the way crm-api builds it', () => {
    expect(programsSmsText([program()])).toBe('[1357 상담 안내 지원사업]\n- 혁신성장지원자금 (2026-03-02~2026-03-31) https://k.go.kr/1\n문의 1357');
    expect(previewOf('programs', { programs: [program()], text: '', calendar: null })).toBe(programsSmsText([program()]));
    expect(previewOf('programs', { programs: [], text: '', calendar: null })).toBe('');
    expect(previewOf('free', { programs: [], text: '  안녕하세요 ', calendar: null })).toBe('안녕하세요');
  });
  it('previews the calendar text, planned programs marked', () => {
    const cal: ProgramCalendar = { from: '2026-03-02', weeks: 1, byWeek: [{ weekStart: '2026-03-02', programs: [program({ announcedOn: null, name: '수출바우처' })] }] };
    expect(calendarSmsText(cal.byWeek)).toBe('[1357 중소기업 지원사업 일정]\n03/02 수출바우처(예정)\n문의 1357');
    expect(calendarSmsText([])).toContain('접수를 시작하는 사업이 없습니다');
    expect(previewOf('calendar', { programs: [], text: '', calendar: cal })).toBe(calendarSmsText(cal.byWeek));
  });
  it.each([
    ['abc', 3, 'SMS'],
    ['가'.repeat(45), 90, 'SMS'],
    ['가'.repeat(46), 92, 'LMS'],
    ['a'.repeat(2001), 2001, 'tooLong'],
  ] as const)('%s… counts %i bytes → %s', (text, bytes, kind) => {
    expect(smsBytes(text)).toBe(bytes);
    expect(smsKind(bytes)).toBe(kind);
  });
  it.each([
    ['01012345678', true], ['010-1234-5678', true], ['+82 10-1234-5678', true], ['0111234567', true],
    ['0212345678', false], ['031-123-4567', false], ['15880800', false], ['', false],
  ] as const)('%s mobile: %s', (n, mobile) => expect(isMobileNumber(n)).toBe(mobile));
  it('keeps polling while a message is queued or sent', () => {
    const m = (status: 'queued' | 'sent' | 'delivered' | 'failed') => ({ status }) as never;
    expect(inFlight([m('delivered'), m('sent')])).toBe(true);
    expect(inFlight([m('delivered'), m('failed')])).toBe(false);
  });
  it('toggles picks up to crm-api\'s limit', () => {
    expect(togglePick(['1'], '2')).toEqual(['1', '2']);
    expect(togglePick(['1', '2'], '1')).toEqual(['2']);
    const full = Array.from({ length: MAX_SMS_PROGRAMS }, (_, i) => String(i));
    expect(togglePick(full, 'x')).toEqual(full);
  });
});

describe('callbacks', () => {
  it('due time typed in KST is sent as the same instant in ISO', () => {
    expect(dueIso('2026-03-03T14:30')).toBe('2026-03-03T05:30:00.000Z');
    expect(dueIso('2026-03-03')).toBeNull();
  });
  it('defaults to the next whole KST hour at least 30 minutes away', () => {
    expect(defaultDueLocal(Date.parse('2026-03-03T01:10:00Z'))).toBe('2026-03-03T11:00'); // 10:10 KST → 11:00
    expect(defaultDueLocal(Date.parse('2026-03-03T01:40:00Z'))).toBe('2026-03-03T12:00'); // 10:40 KST → 12:00
  });
  const msgs = { number: 'bad number', dueAt: 'bad due', past: 'past' };
  it('builds the request with digits only and the links', () => {
    const built = callbackRequest({ number: '010-1234-5678', queue: 'fund', dueLocal: '2026-03-03T14:30', note: ' 서류 ' }, { companyId: '3', callId: 'c1' }, Date.parse('2026-03-03T00:00:00Z'), msgs);
    expect(built).toEqual({ ok: true, request: { number: '01012345678', queue: 'fund', dueAt: '2026-03-03T05:30:00.000Z', companyId: '3', callId: 'c1', note: '서류' } });
  });
  it('refuses a bad number, a missing or past due time', () => {
    const now = Date.parse('2026-03-03T06:00:00Z');
    expect(callbackRequest({ number: '12', queue: 'fund', dueLocal: '', note: '' }, {}, now, msgs)).toEqual({ ok: false, errors: { number: 'bad number', dueAt: 'bad due' } });
    expect(callbackRequest({ number: '01012345678', queue: 'fund', dueLocal: '2026-03-03T14:30', note: '' }, {}, now, msgs)).toEqual({ ok: false, errors: { dueAt: 'past' } });
  });
});

describe('search box', () => {
  it.each([
    ['', 'none'], ['한빛', 'name'], ['(주)한빛전자', 'name'], ['1248100998', 'bizRegNo'], ['124-81-00998', 'bizRegNo'],
    ['010-1234-5678', 'phone'], ['0212345678', 'phone'], ['+82 10 1234 5678', 'phone'], ['15880800', 'phone'], ['2024', 'name'],
  ] as const)('%j is a %s search', (text, kind) => expect(searchKind(text)).toBe(kind));

  it('maps the box and filters onto crm-api\'s parameters', () => {
    expect(searchRequests({ text: '124-81-00998', from: '', to: '', category: '', mine: false }, '7')).toEqual({
      kind: 'bizRegNo', companies: { bizRegNo: '1248100998', limit: '30' }, consultations: { bizRegNo: '1248100998', limit: '30' },
    });
    expect(searchRequests({ text: ' 한빛 ', from: '2026-03-01', to: '2026-03-31', category: 'finance', mine: true }, '7')).toEqual({
      kind: 'name', companies: { q: '한빛', limit: '30' }, consultations: { q: '한빛', from: '2026-03-01', to: '2026-03-31', category: 'finance', counselorId: '7', limit: '30' },
    });
  });
  it('filters alone search consultations only; nothing at all searches nothing', () => {
    expect(searchRequests({ text: '', from: '', to: '', category: 'export', mine: false }, '7')).toEqual({ kind: 'none', companies: null, consultations: { category: 'export', limit: '30' } });
    expect(searchRequests({ text: '', from: '', to: '', category: '', mine: false }, '7')).toEqual({ kind: 'none', companies: null, consultations: null });
  });
  it('a range ending before it starts is an error', () => {
    expect(rangeError({ from: '2026-03-02', to: '2026-03-01' })).toBe(true);
    expect(rangeError({ from: '2026-03-01', to: '' })).toBe(false);
  });
  it('queryOf drops empty values', () => {
    expect(queryOf({ a: '1', b: '', c: undefined, d: '가 나' })).toBe('?a=1&d=%EA%B0%80+%EB%82%98');
    expect(queryOf({})).toBe('');
  });
});

describe('policy calendar timeline', () => {
  it('bars in days from the first Monday, clipped to the window, each program once', () => {
    const p1 = program({ id: '1', name: '가', opensOn: '2026-03-04', closesOn: '2026-03-10' });
    const p2 = program({ id: '2', name: '나', opensOn: '2026-03-09', closesOn: '2026-05-31', announcedOn: null, category: 'export' });
    const t = timelineOf({ from: '2026-03-02', weeks: 2, byWeek: [{ weekStart: '2026-03-02', programs: [p1] }, { weekStart: '2026-03-09', programs: [p2, p1] }] });
    expect(t.days).toBe(14);
    expect(t.weekStarts).toEqual(['2026-03-02', '2026-03-09']);
    expect(t.bars.map((b) => [b.id, b.start, b.end, b.clippedEnd, b.planned])).toEqual([
      ['1', 2, 9, false, false],
      ['2', 7, 14, true, true],
    ]);
  });
});

describe('imports', () => {
  it('checks the header and counts the data rows', () => {
    expect(checkCsv('support-history', '\uFEFFbizRegNo,program,agency,year,amount,status\n1,a,b,2024,1,paid\n\n2,a,b,2024,1,paid\r\n')).toEqual({ rows: 2, missing: [] });
    expect(checkCsv('companies', 'bizRegNo,name\n1,a')).toEqual({ rows: 1, missing: ['representative', 'region', 'ksicCode', 'ksicLabel', 'sizeClass', 'employees', 'foundedOn'] });
  });
  it('groups refused rows by reason, most first', () => {
    const report: ImportReport = { total: 4, accepted: 1, inserted: 1, updated: 0, unchanged: 0, rejected: [{ row: 2, reasons: ['체크섬 오류', '지역 오류'] }, { row: 3, reasons: ['체크섬 오류'] }, { row: 5, reasons: ['체크섬 오류', '체크섬 오류'] }] };
    expect(reasonCounts(report)).toEqual([{ reason: '체크섬 오류', rows: 3 }, { reason: '지역 오류', rows: 1 }]);
  });
});

describe('company view', () => {
  const detail = (phones: string[]): CompanyDetail => ({
    company: company(),
    contacts: [{ id: 'ct', name: '박담당', title: null, phones: phones.map((number) => ({ number, kind: 'mobile' as const })) }],
    supportHistory: supportHistory(),
  });
  const openItems = { followUps: [], callbacks: [], relays: [] };
  /** An ApiClient answering the four reads, logging which were asked. Consultations answer only once the pop was asked, so a pop that waits for them never finishes. */
  function fakeApi(record: CompanyDetail, pop: Partial<CallerPop>) {
    const asked: string[] = [];
    let popAsked: () => void = () => undefined;
    const popStarted = new Promise<void>((resolve) => (popAsked = resolve));
    const api = {
      company: async () => (asked.push('company'), record),
      consultationsOfCompany: async () => (asked.push('consultations'), await popStarted, []),
      callerPop: async () => (asked.push('pop'), popAsked(), { status: 'known', number: null, companies: [company()], contact: null, recentConsultations: [], openItems, ...pop }),
      recommendations: async () => (asked.push('recommendations'), { companyId: 'co-1', asOf: '2026-03-01', recommendations: [recommendation('soon')] }),
    } as unknown as ApiClient;
    return { api, asked };
  }

  it('asks the pop alongside the consultations and takes its recommendations', async () => {
    const { api, asked } = fakeApi(detail(['01012345678']), { recommendations: [recommendation('open')] });
    const loaded = await loadCompany(api, 'co-1');
    expect(asked).not.toContain('recommendations');
    expect(loaded.recommendations?.map((r) => r.window)).toEqual(['open']);
    expect(loaded.openItems).toEqual(openItems);
  });

  it('asks for recommendations when the number pops another company, or there is no number', async () => {
    const elsewhere = fakeApi(detail(['01012345678']), { companies: [company({ id: 'co-2' })], recommendations: [recommendation('open')] });
    expect((await loadCompany(elsewhere.api, 'co-1')).recommendations?.map((r) => r.window)).toEqual(['soon']);
    const noNumber = fakeApi(detail([]), {});
    noNumber.api.consultationsOfCompany = async () => (noNumber.asked.push('consultations'), []); // no pop to wait for
    const loaded = await loadCompany(noNumber.api, 'co-1');
    expect(noNumber.asked).toEqual(['company', 'consultations', 'recommendations']);
    expect(loaded.openItems).toBeNull();
  });
});
