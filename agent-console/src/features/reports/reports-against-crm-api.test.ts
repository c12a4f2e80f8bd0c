import {
  createCrmClient,
  generateTokenKeyPair,
  signAccessToken,
  type CallEventV1,
  type QueueId,
} from '@cc1357/contracts';
import { DEMO_PASSWORD, seed, startCrmApi, type CrmApiHandle } from '@cc1357/crm-api';
import { createTestDatabase, type TestDatabase } from '@cc1357/crm-api/testing';
import { parse } from 'csv-parse/sync';
import type { i18n as I18n } from 'i18next';
import readXlsxFile from 'read-excel-file/universal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiError } from '../../api';
import { setupI18n } from '../../i18n';
import { exportSectionsOf, sectionsXlsxBlobOf } from './report-files';
import { defaultReportForm, reportQueryOf, sectionsCsvOf, sheetOf } from './reports-model';

/**
 * The 보고서 screen's request as the form makes it, through the console's client, to the real
 * crm-api over PostgreSQL: call events sent the way telephony sends them, figures read back.
 */
const kst = (hms: string) => new Date(`2026-12-01T${hms}+09:00`).toISOString();
let seq = 0;
const ev = (callId: string, type: CallEventV1['type'], at: string, extra: Partial<CallEventV1> = {}): CallEventV1 => ({
  id: `${callId}-${++seq}`,
  callId,
  type,
  at,
  data: {},
  ...extra,
});

// Two calls in 수출·FTA at 14:00–14:15: one answered after 8 s (talk 100 s, wrap 20 s), one
// abandoned after 30 s → offered 2, answered 1, abandoned 1, SL 1 ÷ 2, ASA 8, AHT 120.
const events = [
  ev('x1', 'queue.entered', kst('14:00:00'), { queue: 'export' }),
  ev('x1', 'call.connected', kst('14:00:08'), { queue: 'export', agentId: '1001' }),
  ev('x1', 'call.ended', kst('14:01:48'), { agentId: '1001' }),
  ev('x1', 'wrapUp.ended', kst('14:02:08'), { agentId: '1001' }),
  ev('x2', 'queue.entered', kst('14:05:00'), { queue: 'export' }),
  ev('x2', 'call.abandoned', kst('14:05:30'), { queue: 'export' }),
];

// The next day, 10:00–10:30: five answered calls and their wrap-ups as telephony records them (the
// code in the wrap-up's data). 수출·FTA: 1001 resolved ×2, 1002 followUp; 정책자금·금융: 1002 with no
// code, 1001 with a code not in the catalogue (both count as 'none').
const kst2 = (minute: number, second: number) =>
  new Date(Date.parse('2026-12-02T10:00:00+09:00') + (minute * 60 + second) * 1000).toISOString();
const handled = (callId: string, queue: QueueId, agentId: string, minute: number, code?: string) => [
  ev(callId, 'queue.entered', kst2(minute, 0), { queue }),
  ev(callId, 'call.connected', kst2(minute, 5), { queue, agentId }),
  ev(callId, 'call.ended', kst2(minute, 65), { agentId }),
  ev(callId, 'wrapUp.ended', kst2(minute, 80), { agentId, data: code ? { next: 'ready', code } : { next: 'ready' } }),
];
const codedEvents = [
  ...handled('w1', 'export', '1001', 0, 'resolved'),
  ...handled('w2', 'export', '1001', 5, 'resolved'),
  ...handled('w3', 'export', '1002', 10, 'followUp'),
  ...handled('w4', 'fund', '1002', 15),
  ...handled('w5', 'fund', '1001', 20, 'notACode'),
];

describe('api client against the real crm-api: KPI report', () => {
  let database: TestDatabase;
  let crm: CrmApiHandle;
  let telephony: ReturnType<typeof createCrmClient>;
  let i18n: I18n;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.url, { companies: 5, seed: 1357 });
    const telephonyKey = await generateTokenKeyPair();
    crm = await startCrmApi({
      databaseUrl: database.url,
      authSecret: 'console-reports-secret-0123456789',
      servicePublicKey: telephonyKey.publicKey,
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
    });
    const serviceToken = await signAccessToken(
      { sub: 'telephony', username: 'telephony', role: 'service', skills: [] },
      telephonyKey.privateKey,
      600,
    );
    telephony = createCrmClient({ baseUrl: crm.url, token: () => serviceToken });
    const stored = await telephony.call('callEvents', { body: { events } });
    expect(stored).toMatchObject({ ok: true, data: { stored: events.length } });
    i18n = await setupI18n(null);
  }, 180_000);
  afterAll(async () => {
    await crm?.close();
    await database?.drop();
  });

  async function loggedIn(username: string) {
    let token: string | null = null;
    const api = createApiClient({ baseUrl: crm.url, token: () => token });
    token = (await api.login({ username, password: DEMO_PASSWORD })).token;
    return api;
  }

  it("the form's query at 15 minutes gives the hand count, and the export sheet carries it", async () => {
    const supervisor = await loggedIn('supervisor');
    const form = { ...defaultReportForm(Date.parse(kst('12:00:00'))), interval: '15m' as const };
    const report = await supervisor.kpiReport(reportQueryOf(form));
    expect(report.rows.map((r) => [r.label, r.key])).toEqual([['2026-12-01 14:00', 'export']]);
    const row = report.rows[0]!;
    expect(row.figures.offered.value).toBe(2);
    expect(row.figures.serviceLevel).toEqual({ value: 0.5, formula: 'sl.v1' });
    expect(row.figures.asaSeconds.value).toBe(8);
    expect(row.figures.ahtSeconds.value).toBe(120);
    const sheet = sheetOf(report, { period: 'p', key: 'k', total: 't', noKey: '-', column: (c) => c }, 'ko');
    expect(sheet[1]!.slice(0, 7)).toEqual(['2026-12-01 14:00', '수출·FTA', 2, 1, 1, 0, 50]);
  });

  it('a threshold typed in the form reaches the server; a counselor is refused; a bad range names its field', async () => {
    const supervisor = await loggedIn('supervisor');
    const form = defaultReportForm(Date.parse(kst('12:00:00')));
    const strict = await supervisor.kpiReport(reportQueryOf({ ...form, serviceLevelSeconds: '5' }));
    expect(strict.total.figures.serviceLevel.value).toBe(0);
    await expect((await loggedIn('counselor')).kpiReport(reportQueryOf(form))).rejects.toMatchObject({ status: 403 });
    const error = await supervisor.kpiReport(reportQueryOf({ ...form, from: '2026-10-01', interval: '15m' })).then(
      () => null,
      (e: ApiError) => e,
    );
    expect(error).toMatchObject({ status: 400 });
    expect(error!.fields).toEqual([expect.objectContaining({ path: 'to' })]);
  });

  it("the relay rate over the report's period (no relays in this data: nothing to compute, not 0 %)", async () => {
    const supervisor = await loggedIn('supervisor');
    const report = await supervisor.kpiReport(reportQueryOf(defaultReportForm(Date.parse(kst('12:00:00')))));
    expect(await supervisor.relayStats(report.from, report.to)).toEqual({
      date: report.from,
      to: report.to,
      relays: 0,
      answered: 0,
      contextCarried: 0,
      callbacks: 0,
      contextRate: null,
    });
    const error = await supervisor.relayStats('2026-12-02', '2026-12-01').then(
      () => null,
      (e: ApiError) => e,
    );
    expect(error).toMatchObject({ status: 400 });
    expect(error!.fields).toEqual([expect.objectContaining({ path: 'to' })]);
  });

  it("the exports of crm-api's report carry its wrap-up codes with their counts, per queue and per counselor", async () => {
    const stored = await telephony.call('callEvents', { body: { events: codedEvents } });
    expect(stored).toMatchObject({ ok: true, data: { stored: codedEvents.length } });
    const supervisor = await loggedIn('supervisor');
    const form = { ...defaultReportForm(Date.parse('2026-12-02T12:00:00+09:00')), interval: 'day' as const };
    const byQueue = await supervisor.kpiReport(reportQueryOf(form));
    const relays = await supervisor.relayStats(byQueue.from, byQueue.to);
    const sections = exportSectionsOf(byQueue, relays, i18n.getFixedT('ko'), 'ko');

    // The CSV, parsed strictly: the 후처리 코드 block after its title line.
    const lines = (parse(sectionsCsvOf(sections).slice(1)) as string[][]).map((r) =>
      r.slice(0, r.findLastIndex((c) => c !== '') + 1),
    );
    const start = lines.findIndex((r) => r.length === 1 && r[0] === '후처리 코드');
    const end = lines.findIndex((r, i) => i > start && r.length === 0);
    const block = lines.slice(start + 2, end);
    const count = (key: string, code: string) => block.find((r) => r[0] === key && r[1] === code)?.slice(3);
    expect(lines[start + 1]).toEqual(['큐', '코드', '후처리 코드', '건수', '비율(%)']);
    expect(count('수출·FTA', 'resolved')).toEqual(['2', '66.7']);
    expect(count('수출·FTA', 'followUp')).toEqual(['1', '33.3']);
    expect(count('수출·FTA', 'none')).toEqual(['0', '0']);
    expect(count('정책자금·금융', 'none')).toEqual(['2', '100']);
    expect(count('전체', 'resolved')).toEqual(['2', '40']);
    expect(count('전체', 'followUp')).toEqual(['1', '20']);
    expect(count('전체', 'none')).toEqual(['2', '40']);
    expect(count('전체', '')).toEqual(['5', '100']);

    // The workbook, read back: the same counts as numbers, per counselor too.
    const sheets = await readXlsxFile(await sectionsXlsxBlobOf(sections));
    const wrapUps = sheets.find((s) => s.sheet === '후처리 코드')!.data;
    expect(wrapUps).toContainEqual(['수출·FTA', 'resolved', '상담 완료', 2, 66.7]);
    expect(wrapUps).toContainEqual(['정책자금·금융', 'none', '코드 없음', 2, 100]);
    expect(wrapUps.at(-1)).toEqual(['전체', null, '합계', 5, 100]);
    expect(sheets.find((s) => s.sheet === '협력기관 이관')!.data[1]).toEqual([
      '2026-12-02 ~ 2026-12-02',
      0,
      0,
      0,
      0,
      null,
    ]);

    const byAgent = await supervisor.kpiReport(reportQueryOf({ ...form, by: 'agent' }));
    const agentSheets = await readXlsxFile(
      await sectionsXlsxBlobOf(exportSectionsOf(byAgent, null, i18n.getFixedT('en'), 'en')),
    );
    const perAgent = agentSheets.find((s) => s.sheet === 'Wrap-up codes')!.data;
    const agentRow = (id: string, code: string | null) =>
      perAgent.find((r) => String(r[0]).endsWith(`(${id})`) && r[1] === code)?.slice(2);
    expect(perAgent[0]).toEqual(['Counselor', 'Code', 'Wrap-up codes', 'Count', 'Share (%)']);
    expect(agentRow('1001', 'resolved')).toEqual(['Resolved', 2, 66.7]);
    expect(agentRow('1001', 'none')).toEqual(['No code', 1, 33.3]);
    expect(agentRow('1002', 'followUp')).toEqual(['Follow-up needed', 1, 50]);
    expect(agentRow('1002', null)).toEqual(['All', 2, 100]);
  });
});
