import { seed, startCrmApi, DEMO_PASSWORD, type CrmApiHandle } from '@cc1357/crm-api';
import { createTestDatabase, type TestDatabase } from '@cc1357/crm-api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiError } from '../../api';
import { defaultAnalysisForm, queriesOf } from './analysis-model';

/**
 * The 상담 분석 screen's requests as the form makes them, through the console's client, to the
 * real crm-api over the seeded PostgreSQL: the seed spreads its consultations over the two years
 * before its anchor, so two year-long pivots must together count every one of them once,
 * whichever dimensions are chosen.
 */
const anchor = new Date('2026-12-01T00:00:00+09:00');
const years = [
  { from: '2024-12-01', to: '2025-11-30' },
  { from: '2025-12-01', to: '2026-12-01' },
];

describe('api client against the real crm-api: consultation analysis', () => {
  let database: TestDatabase;
  let crm: CrmApiHandle;
  let seeded = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    seeded = (await seed(database.url, { companies: 5, seed: 1357, anchor })).consultations;
    crm = await startCrmApi({
      databaseUrl: database.url,
      authSecret: 'console-analysis-secret-0123456789',
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
    });
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

  it('every pair of dimensions counts each seeded consultation once; FCR covers them all too', async () => {
    expect(seeded).toBeGreaterThan(0);
    const supervisor = await loggedIn('supervisor');
    const form = defaultAnalysisForm(anchor.getTime());
    for (const [rows, cols] of [
      ['category', 'month'],
      ['agency', 'region'],
      ['size', 'industry'],
      ['subCategory', 'queue'],
    ] as const) {
      let total = 0;
      for (const year of years) {
        const p = await supervisor.consultationPivot(queriesOf({ ...form, ...year, rows, cols }).pivot);
        expect(
          p.rowTotals.reduce((a, b) => a + b, 0),
          `${rows}×${cols}`,
        ).toBe(p.total);
        expect(
          p.colTotals.reduce((a, b) => a + b, 0),
          `${rows}×${cols}`,
        ).toBe(p.total);
        total += p.total;
      }
      expect(total, `${rows}×${cols}`).toBe(seeded);
    }
    let contacts = 0;
    for (const year of years) {
      const r = await supervisor.fcrReport(queriesOf({ ...form, ...year, fcrBy: 'counselor', windowDays: '30' }).fcr);
      expect(r.total.rate.formula).toBe('fcr.v1');
      expect(r.total.resolved + r.total.repeated).toBe(r.total.contacts);
      contacts += r.total.contacts + r.unidentified;
    }
    expect(contacts).toBe(seeded);
  });

  it('a counselor is refused; the same dimension twice names the cols field', async () => {
    const form = defaultAnalysisForm(anchor.getTime());
    const counselor = await loggedIn('counselor');
    await expect(counselor.consultationPivot(queriesOf(form).pivot)).rejects.toMatchObject({ status: 403 });
    await expect(counselor.fcrReport(queriesOf(form).fcr)).rejects.toMatchObject({ status: 403 });
    const supervisor = await loggedIn('supervisor');
    const error = await supervisor.consultationPivot(queriesOf({ ...form, cols: 'category' }).pivot).then(
      () => null,
      (e: ApiError) => e,
    );
    expect(error).toMatchObject({ status: 400 });
    expect(error!.fields).toEqual([expect.objectContaining({ path: 'cols' })]);
  });
});
