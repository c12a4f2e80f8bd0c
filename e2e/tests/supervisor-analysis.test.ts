import { DEMO_PASSWORD } from '@cc1357/crm-api';
import { ConsultationPivot, KPI_FORMULAS, seoulDate, signAccessToken } from '@cc1357/contracts';
import type { Center } from '@cc1357/demo';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityFindings,
  AUTH_SECRET,
  hasChromium,
  loginAs,
  type Scenario,
  shot,
  startScenario,
  STEP_MS,
} from '../src';

/**
 * Issue 16 in the browser: the 상담 분석 tab (lazy chunk) over the seeded consultations of the
 * last year — dimension pickers by keyboard, the pivot's grand total equal to crm-api's answer,
 * the FCR table with its formula, CSV and Excel downloads.
 */
describe.skipIf(!hasChromium)('supervisor analyses consultations', () => {
  let scenario: Scenario;
  let center: Center;
  let page: Page;
  const to = seoulDate(new Date());
  const from = seoulDate(new Date(Date.now() - 360 * 86_400_000));

  beforeAll(async () => {
    scenario = await startScenario({ companies: 10 });
    ({ center } = scenario);
    page = await scenario.browser.context.newPage();
    await loginAs(page, center.consoleUrl!, 'supervisor', DEMO_PASSWORD, STEP_MS);
  }, 180_000);

  afterAll(() => scenario?.close(), 60_000);

  it('pivots by category × region, shows FCR with fcr.v1, and downloads CSV and Excel', async () => {
    const token = await signAccessToken(
      { sub: '1', username: 'supervisor', role: 'supervisor', skills: [] },
      AUTH_SECRET,
      600,
    );
    const res = await fetch(
      `${center.crmUrl}/api/reports/consultations?from=${from}&to=${to}&rows=category&cols=region`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(res.status).toBe(200);
    const expected = ConsultationPivot.parse(await res.json());
    expect(expected.total).toBeGreaterThan(0);

    await page.getByRole('button', { name: '상담 분석', exact: true }).click();
    await page.getByTestId('analysis-view').waitFor({ timeout: STEP_MS });
    await page.getByLabel('시작일').fill(from);
    await page.getByLabel('종료일').fill(to);
    await page.getByLabel('행 기준').selectOption('category');
    await page.getByLabel('열 기준').selectOption('region');
    // By keyboard: focus 분석 and press Enter.
    await page.getByRole('button', { name: '분석', exact: true }).focus();
    await page.keyboard.press('Enter');
    const grand = page.locator('table[aria-label="교차표"] tfoot td').last();
    await expect.poll(() => grand.innerText(), { timeout: STEP_MS }).toBe(expected.total.toLocaleString('ko-KR'));
    await expect(page.locator('table[aria-label="교차표"] thead th').nth(1).innerText()).resolves.toBe(
      expected.colKeys[0] === '-' ? '미상' : expected.colKeys[0],
    );
    const fcrTable = page.locator('#fcr-title').locator('..');
    await expect.poll(() => fcrTable.innerText(), { timeout: STEP_MS }).toContain(KPI_FORMULAS.fcr.ko);
    await expect(page.locator('.recharts-wrapper').count()).resolves.toBeGreaterThan(0);
    await shot(page, 'analysis-1-pivot');

    const csv = page.waitForEvent('download');
    await page.getByRole('button', { name: '교차표 CSV' }).click();
    const csvFile = await csv;
    expect(csvFile.suggestedFilename()).toBe(`consultations_pivot_${from}_${to}.csv`);
    const csvBytes = await streamBytes(await csvFile.createReadStream());
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(csvBytes)).toContain('상담 분야 \\ 지역');

    const xlsx = page.waitForEvent('download');
    await page.getByRole('button', { name: '엑셀 내려받기' }).click();
    const xlsxFile = await xlsx;
    expect(xlsxFile.suggestedFilename()).toBe(`consultations_all_${from}_${to}.xlsx`);
    const xlsxBytes = await streamBytes(await xlsxFile.createReadStream());
    expect([...xlsxBytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(await accessibilityFindings(page)).toEqual([]);
  });
});

async function streamBytes(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}
