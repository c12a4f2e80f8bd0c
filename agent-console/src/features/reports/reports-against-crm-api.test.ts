import { createCrmClient, generateTokenKeyPair, signAccessToken, type CallEventV1 } from '@cc1357/contracts';
import { DEMO_PASSWORD, seed, startCrmApi, type CrmApiHandle } from '@cc1357/crm-api';
import { createTestDatabase, type TestDatabase } from '@cc1357/crm-api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiError } from '../../api';
import { defaultReportForm, reportQueryOf, sheetOf } from './reports-model';

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

describe('api client against the real crm-api: KPI report', () => {
  let database: TestDatabase;
  let crm: CrmApiHandle;

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
    const telephony = createCrmClient({ baseUrl: crm.url, token: () => serviceToken });
    const stored = await telephony.call('callEvents', { body: { events } });
    expect(stored).toMatchObject({ ok: true, data: { stored: events.length } });
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
});
