import { DEMO_PASSWORD } from '@cc1357/crm-api';
import { KPI_FORMULAS, seoulDate, signAccessToken, type CallEventV1 } from '@cc1357/contracts';
import type { Center } from '@cc1357/demo';
import type { Page } from 'playwright-core';
import readXlsxFile from 'read-excel-file/universal';
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
 * Issue 16 in the browser: the 보고서 tab (lazy chunk, chart library, export writer) over call
 * events sent the way telephony sends them — the figures, each column's formula, CSV and Excel
 * downloads, by keyboard.
 */
describe.skipIf(!hasChromium)('supervisor reads a KPI report', () => {
  let scenario: Scenario;
  let center: Center;
  let page: Page;
  const tag = `e2e-kpi-${Date.now().toString(36)}`;
  let day = '';

  beforeAll(async () => {
    scenario = await startScenario({ companies: 10 });
    ({ center } = scenario);
    // Two 수출·FTA calls at ten past the last hour: two minutes that never cross a Seoul midnight.
    const base = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_000_000;
    day = seoulDate(new Date(base));
    const at = (s: number) => new Date(base + s * 1000).toISOString();
    const ev = (
      callId: string,
      type: CallEventV1['type'],
      s: number,
      extra: Partial<CallEventV1> = {},
    ): CallEventV1 => ({
      id: `${callId}-${type}`,
      callId,
      type,
      at: at(s),
      data: {},
      ...extra,
    });
    const service = await signAccessToken(
      { sub: 'telephony', username: 'service', role: 'service', skills: [] },
      AUTH_SECRET,
      600,
    );
    const posted = await fetch(`${center.crmUrl}/api/internal/call-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${service}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [
          ev(`${tag}-1`, 'queue.entered', 0, { queue: 'export' }),
          ev(`${tag}-1`, 'call.connected', 8, { queue: 'export', agentId: '1001' }),
          ev(`${tag}-1`, 'call.ended', 108, { agentId: '1001' }),
          ev(`${tag}-1`, 'wrapUp.ended', 118, { agentId: '1001', data: { next: 'ready', code: 'resolved' } }),
          ev(`${tag}-2`, 'queue.entered', 20, { queue: 'export' }),
          ev(`${tag}-2`, 'call.abandoned', 50, { queue: 'export' }),
        ],
      }),
    });
    expect(posted.status).toBe(200);
    page = await scenario.browser.context.newPage();
    await loginAs(page, center.consoleUrl!, 'supervisor', DEMO_PASSWORD, STEP_MS);
  }, 180_000);

  afterAll(() => scenario?.close(), 60_000);

  it('shows the figures with their formulas, and downloads CSV and Excel', async () => {
    await page.getByRole('button', { name: '보고서', exact: true }).click();
    await page.getByTestId('reports-view').waitFor({ timeout: STEP_MS });
    await page.getByLabel('시작일').fill(day);
    await page.getByLabel('종료일').fill(day);
    await page.getByRole('combobox', { name: /^구간/ }).selectOption('day');
    // By keyboard: Tab to 조회 and press Enter.
    await page.getByRole('button', { name: '조회', exact: true }).focus();
    await page.keyboard.press('Enter');
    const row = page.locator('tbody tr').filter({ hasText: '수출·FTA' }).first();
    await row.waitFor({ timeout: STEP_MS });
    // offered 2, answered 1, abandoned 1, short 0, service level 1 ÷ 2, AHT 100 s talk + 10 s wrap-up
    await expect
      .poll(() => row.locator('td').allInnerTexts(), { timeout: STEP_MS })
      .toEqual(expect.arrayContaining(['수출·FTA', '2', '1', '50.0%', '8초', '110초']));
    const slHeader = page.locator('th[title]').filter({ hasText: '서비스 수준' });
    expect(await slHeader.getAttribute('title')).toBe(KPI_FORMULAS.serviceLevel.ko);
    await page.getByRole('link', { name: /서비스 수준 산식 sl\.v1/ }).press('Enter');
    await expect.poll(() => page.evaluate('location.hash')).toBe('#kpi-formula-sl-v1');
    await expect(page.locator('.recharts-wrapper').count()).resolves.toBeGreaterThan(0);
    // 후처리 코드: the one handled call ended as 상담 완료; the relay rate of the period below it.
    await expect
      .poll(() => page.getByTestId('wrap-up-codes').locator('td[data-code="resolved"]').allInnerTexts(), {
        timeout: STEP_MS,
      })
      .toContain('1 (100%)');
    await page.getByTestId('relay-rate').waitFor({ timeout: STEP_MS });
    await shot(page, 'kpi-1-report');

    const csv = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV 내려받기' }).click();
    const csvFile = await csv;
    expect(csvFile.suggestedFilename()).toBe(`kpi_queue_day_${day}_${day}.csv`);
    const csvBytes = await streamBytes(await csvFile.createReadStream());
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = new TextDecoder().decode(csvBytes);
    expect(csvText).toContain('서비스 수준 [sl.v1]');
    // The wrap-up codes block: one queue with one wrap-up this day (plain cells, so no CSV quoting to undo).
    const csvLines = csvText.split('\r\n').map((l) => l.replace(/,+$/, ''));
    expect(csvLines).toContain('후처리 코드');
    expect(csvLines).toContain('수출·FTA,resolved,상담 완료,1,100');
    expect(csvLines).toContain('수출·FTA,none,코드 없음,0,0');
    expect(csvLines).toContain('전체,,합계,1,100');
    expect(csvLines).toContain('협력기관 이관');

    const xlsx = page.waitForEvent('download');
    await page.getByRole('button', { name: '엑셀 내려받기' }).click();
    const xlsxFile = await xlsx;
    expect(xlsxFile.suggestedFilename()).toBe(`kpi_queue_day_${day}_${day}.xlsx`);
    const xlsxBytes = await streamBytes(await xlsxFile.createReadStream());
    expect([...xlsxBytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const sheets = await readXlsxFile(new Uint8Array(xlsxBytes).buffer);
    expect(sheets.map((s) => s.sheet)).toEqual(['보고서', '구간별 전체', '후처리 코드', '협력기관 이관', '산식']);
    const wrapUps = sheets.find((s) => s.sheet === '후처리 코드')!.data;
    expect(wrapUps).toContainEqual(['수출·FTA', 'resolved', '상담 완료', 1, 100]);
    expect(wrapUps.at(-1)).toEqual(['전체', null, '합계', 1, 100]);
    expect(sheets.find((s) => s.sheet === '구간별 전체')!.data[1]!.slice(0, 5)).toEqual([day, '전체', 2, 1, 1]);
    expect(await accessibilityFindings(page)).toEqual([]);
  });
});

async function streamBytes(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}
