import { readFile } from 'node:fs/promises';
import { isMobileNumber } from '@cc1357/contracts';
import iconv from 'iconv-lite';
import { DEMO_PASSWORD } from '@cc1357/crm-api';
import { SimClient, type Center } from '@cc1357/demo';
import { businessStatus, DEFAULT_CALENDAR } from '@cc1357/ivr-flows/calendar';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityFindings,
  type Browser,
  callUntilDeskRings,
  CrmReads,
  hasChromium,
  loginAs,
  type Scenario,
  shot,
  startScenario,
  STEP_MS,
} from '../src';

/**
 * Issue 11's desk items in a real browser at 1440 px (a common counselor monitor): a caller
 * rings from a landline and picks 2 (start-ups); the pop shows the IVR path in words, the form
 * starts on the queue's category, the SMS box starts on the company's mobile, the callback
 * form's date is whole and in business hours; in English the header stays on one line and the
 * recommendation reasons are English.
 */
describe.skipIf(!hasChromium)('the counselor desk at 1440 px', () => {
  let scenario: Scenario;
  let center: Center;
  let browser: Browser;
  let sim: SimClient;
  let landline: string;
  let desk: Page;
  let crm: CrmReads;

  beforeAll(async () => {
    scenario = await startScenario({ companies: 30, sampleCallers: 50, width: 1440, height: 900 });
    ({ center, browser } = scenario);
    const { samples } = scenario;
    crm = new CrmReads(center.crmUrl, DEMO_PASSWORD);
    // A landline that pops one company with a mobile contact: the case the desk's SMS box could not serve.
    for (const n of samples.known.filter((k) => !isMobileNumber(k))) {
      const pop = await crm.pop(n);
      if (pop.contacts?.some((c) => c.phones.some((p) => isMobileNumber(p.number)))) {
        landline = n;
        break;
      }
    }
    sim = new SimClient(center.simUrl, center.simUsername, center.simPassword);
    await sim.setPhone('PJSIP/1001', 'manual');
  }, 180_000);

  afterAll(() => scenario?.close(), 60_000);

  it('a landline caller for start-ups: path in words, category, SMS to a mobile, a whole callback date in business hours', async () => {
    expect(landline, 'the seed has a landline caller with a mobile contact').toBeTruthy();
    desk = await browser.context.newPage();
    await loginAs(desk, center.consoleUrl!, 'counselor', DEMO_PASSWORD, STEP_MS);
    await desk.locator('[data-testid=connection][data-state=connected]').waitFor({ timeout: STEP_MS });
    await desk.locator('[data-testid=agent-state]:not([data-state=unknown])').waitFor({ timeout: STEP_MS });
    await desk.getByRole('button', { name: /대기/ }).click();
    await desk.locator('[data-testid=agent-state][data-state=ready]').waitFor({ timeout: STEP_MS });

    await callUntilDeskRings(desk, sim, landline, '2', STEP_MS);
    await desk.keyboard.press('F4');
    await desk.locator('[data-testid=call-phase][data-phase=connected]').waitFor({ timeout: STEP_MS });

    // Item 6: what the caller heard and pressed, not node ids.
    const steps = await desk.locator('[data-testid=ivr-path] li').allTextContents();
    expect(steps.slice(0, 3)).toEqual(['안내 멘트', '주 메뉴', '2 창업·벤처']);
    expect(steps.join(' ')).not.toMatch(/[a-z]+-[a-z]+/);
    // Item 10: the caller's number masked like every other.
    expect(await desk.getByTestId('caller-number').textContent()).toContain('****');
    // Item 7: the form starts on the start-up category.
    expect(await desk.locator('#c-category').inputValue()).toBe('startup');

    // Item 5: the SMS box offers the company's numbers and starts on a mobile.
    await desk.getByText('문자 보내기', { exact: true }).first().click();
    const smsNumber = await desk.getByTestId('sms-number').inputValue();
    expect(isMobileNumber(smsNumber)).toBe(true);
    expect(await desk.getByTestId('sms-not-mobile').count()).toBe(0);

    // Item 8: the callback date-time is whole (not squeezed) and defaults to an open slot.
    await desk.getByText('회신 예약하기', { exact: true }).click();
    const due = desk.locator('#desk-cb-due');
    await due.waitFor();
    // (Page scripts as strings: this package compiles without the DOM library, like the other scenarios.)
    const fits = await desk.evaluate<{ whole: boolean; inside: boolean; width: number }>(`(() => {
      const input = document.querySelector('#desk-cb-due');
      const form = input.closest('form').getBoundingClientRect();
      const box = input.getBoundingClientRect();
      return { whole: input.scrollWidth <= input.clientWidth + 1, inside: box.left >= form.left - 1 && box.right <= form.right + 1, width: box.width };
    })()`);
    expect(fits).toMatchObject({ whole: true, inside: true });
    expect(fits.width).toBeGreaterThan(180);
    const value = await due.inputValue();
    expect(businessStatus(new Date(`${value}:00+09:00`), DEFAULT_CALENDAR).open, value).toBe(true);
    await shot(desk, 'desk-1440-ko');
    expect(await accessibilityFindings(desk)).toEqual([]);
  }, 120_000);

  it('in English the header is one line and recommendation reasons are English', async () => {
    await desk.locator('.header-tools select').selectOption('en');
    await desk.getByRole('button', { name: /Log out/ }).waitFor({ timeout: STEP_MS });
    // Brand, tabs and each tool share one line: their vertical centres agree.
    const rows = await desk.evaluate<{ spread: number; height: number }>(`(() => {
      const header = document.querySelector('.app-header');
      const tops = [...header.querySelectorAll('.brand, .view-tabs, .header-tools > *')].map((el) => { const r = el.getBoundingClientRect(); return Math.round(r.top + r.height / 2); });
      return { spread: Math.max(...tops) - Math.min(...tops), height: header.getBoundingClientRect().height };
    })()`);
    await shot(desk, 'desk-1440-en');
    expect(rows.spread, JSON.stringify(rows)).toBeLessThanOrEqual(4);
    const reasons = await desk.locator('[data-testid=recommendations] .recent-summary').allTextContents();
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason).not.toMatch(/[가-힣]/);
    await desk.keyboard.press('F8');
    await desk.locator('[data-testid=call-phase][data-phase=ended]').waitFor({ timeout: STEP_MS });
    // The choice is remembered per browser: back to Korean for the next page.
    await desk.locator('.header-tools select').selectOption('ko');
  }, 180_000);

  it('the admin imports a CP949 support file as Korean; the template and the refused rows download as CSV', async () => {
    const company = (await crm.pop(landline)).companies[0]!;
    const admin = await browser.context.newPage();
    try {
      await loginAs(admin, center.consoleUrl!, 'admin', DEMO_PASSWORD, STEP_MS);
      await admin.getByRole('button', { name: '자료 올리기' }).click();
      await admin.getByLabel('지원 이력').check();
      // The columns are listed with their Korean names.
      expect(await admin.getByTestId('import-columns').textContent()).toContain('사업자등록번호(bizRegNo)');

      const template = admin.waitForEvent('download');
      await admin.getByTestId('import-template').click();
      const templateText = await readFile((await (await template).path())!, 'utf8');
      expect(templateText.startsWith('\uFEFFbizRegNo,program,agency,year,amount,status\r\n')).toBe(true);

      // Korean Excel's plain "CSV": CP949, Korean header names; one good row and one without a 사업자등록번호.
      const csv = `사업자등록번호,사업명,기관,연도,금액,상태\r\n${company.bizRegNo},스마트공장 구축 지원(기초),중소벤처기업부,2025,30000000,paid\r\n,빈 번호 사업,중소벤처기업부,2025,1000,paid\r\n`;
      await admin
        .locator('#import-file')
        .setInputFiles({ name: 'support.csv', mimeType: 'text/csv', buffer: iconv.encode(csv, 'cp949') });
      expect(await admin.getByTestId('import-check').textContent()).toContain('CP949');
      await admin.getByRole('button', { name: /2행 올리기/ }).click();
      await admin.getByTestId('import-report').waitFor({ timeout: STEP_MS });
      await shot(admin, 'imports-1440-report');
      expect(await accessibilityFindings(admin)).toEqual([]);
      expect(await admin.getByTestId('import-rejected').textContent()).toContain('사업자등록번호 값이 없습니다');

      const rejected = admin.waitForEvent('download');
      await admin.getByTestId('import-download-rejected').click();
      const rejectedText = await readFile((await (await rejected).path())!, 'utf8');
      expect(rejectedText).toContain(',빈 번호 사업,중소벤처기업부,2025,1000,paid,3,사업자등록번호 값이 없습니다');

      // Stored as Korean: the company's support history has the program's name, not mojibake.
      const history = (await crm.pop(landline, company.bizRegNo)).supportHistory!.years.flatMap((y) =>
        y.items.map((i) => i.programName),
      );
      expect(history).toContain('스마트공장 구축 지원(기초)');
    } finally {
      await admin.close();
    }
  }, 180_000);
});
