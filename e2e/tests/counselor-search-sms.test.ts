import { isMobileNumber, type CallerPop } from '@cc1357/contracts';
import { DEMO_PASSWORD } from '@cc1357/crm-api';
import type { Center } from '@cc1357/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityFindings,
  type Browser,
  CrmReads,
  hasChromium,
  loginAs,
  type Scenario,
  shot,
  startScenario,
  STEP_MS,
} from '../src';

/**
 * Issue 4 at the desk, in a real browser: a counselor finds a company by part of its name,
 * opens its full record, texts the caller one of its recommended programs and sees the SMS
 * delivered (crm-api's sink gateway); a consultation typed without a call survives a reload
 * of the page and is saved with F9 after the category template is added with F7.
 */

/** The name as crm-api searches it: without (주), ㈜, 주식회사 and spaces. */
const searchName = (name: string) => name.replace(/\(주\)|㈜|주식회사|\s/g, '');

describe.skipIf(!hasChromium)(
  'counselor searches a company, texts a recommended program, keeps a draft across a reload',
  () => {
    let scenario: Scenario;
    let center: Center;
    let browser: Browser;
    let crm: CrmReads;
    let number: string;
    let pop: CallerPop;

    beforeAll(async () => {
      scenario = await startScenario({ companies: 40, sampleCallers: 40 });
      ({ center, browser } = scenario);
      const { samples } = scenario;
      crm = new CrmReads(center.crmUrl, DEMO_PASSWORD);
      // A caller on a mobile whose one company has programs to recommend.
      for (const candidate of samples.known.filter(isMobileNumber)) {
        const candidatePop = await crm.pop(candidate);
        if (candidatePop.status === 'known' && (candidatePop.recommendations?.length ?? 0) > 0) {
          number = candidate;
          pop = candidatePop;
          break;
        }
      }
    }, 180_000);

    afterAll(() => scenario?.close(), 60_000);

    it('finds the company by part of its name, opens it and texts a recommended program until it is delivered', async () => {
      expect(pop, 'the seed has a mobile caller with recommendations').toBeDefined();
      const company = pop.companies[0]!;
      const recommended = pop.recommendations![0]!.program;
      const partial = searchName(company.name).slice(0, 2);

      const desk = await browser.context.newPage();
      await loginAs(desk, center.consoleUrl!, 'counselor', DEMO_PASSWORD, STEP_MS);
      await desk.getByRole('button', { name: '검색', exact: true }).click();
      await desk.getByLabel('기업명, 사업자등록번호 또는 전화번호').fill(partial);
      await desk.keyboard.press('Enter');
      const hit = desk.locator(`[data-testid=company-hits] button[data-company="${company.id}"]`);
      await hit.waitFor({ timeout: STEP_MS });
      // Lists are masked as crm-api returns them: the representative's middle is starred.
      expect(await hit.textContent()).toContain('*');
      await shot(desk, 's1-search');
      expect(await accessibilityFindings(desk)).toEqual([]);

      await hit.click();
      const view = desk.getByTestId('company-view');
      await view.waitFor({ timeout: STEP_MS });
      await expect.poll(() => view.locator('h2').textContent()).toBe(company.name);
      // The full record: the representative unmasked, support history, recommendations with reasons.
      expect(await view.getByTestId('company-card').textContent()).toContain(company.representative);
      await view.getByTestId('support-history').waitFor();
      await view.getByTestId('recommendations').getByText(recommended.name).first().waitFor();

      await desk.getByLabel('받을 번호').selectOption(number);
      const composer = view.getByTestId('sms-composer');
      await composer.locator(`input[data-program="${recommended.id}"]`).first().check();
      await expect.poll(() => composer.getByTestId('sms-preview').textContent()).toContain(recommended.name);
      expect(await composer.getByTestId('sms-length').textContent()).toMatch(/바이트 · (SMS|LMS)/);
      await shot(desk, 's2-company-sms');
      expect(await accessibilityFindings(desk)).toEqual([]);
      await composer.getByTestId('sms-send').click();
      // queued → sent → delivered, polled by the console from GET /api/sms?callerNumber=.
      await composer
        .locator('[data-testid=sms-history] tr[data-status=delivered]')
        .first()
        .waitFor({ timeout: 30_000 });
      expect(
        await composer.locator('[data-testid=sms-history] tr[data-status=delivered]').first().textContent(),
      ).toContain('전달 완료');
      await shot(desk, 's3-sms-delivered');
      await desk.close();
    }, 120_000);

    it('a consultation typed without a call survives a reload, gets its template with F7 and is saved with F9', async () => {
      const desk = await browser.context.newPage();
      await loginAs(desk, center.consoleUrl!, 'counselor', DEMO_PASSWORD, STEP_MS);
      await desk.getByTestId('open-no-call-form').click();
      await desk.getByLabel(/상담 분야/).selectOption('export');
      await desk.getByLabel(/상담 내용/).focus();
      await desk.keyboard.press('F7');
      await expect.poll(() => desk.getByLabel(/상담 내용/).inputValue()).toContain('[문의] 수출 바우처');
      const note = '방문 상담: 수출바우처 2차 모집 일정 문의';
      await desk.getByLabel(/상담 내용/).press('End');
      await desk.getByLabel(/상담 내용/).pressSequentially(`\n${note}`);

      await desk.reload();
      await desk.getByTestId('draft-restored').waitFor({ timeout: STEP_MS });
      expect(await desk.getByLabel(/상담 내용/).inputValue()).toContain(note);
      expect(await desk.getByLabel(/상담 분야/).inputValue()).toBe('export');
      await shot(desk, 's4-draft-restored');
      expect(await accessibilityFindings(desk)).toEqual([]);

      await desk.keyboard.press('F9');
      await desk.getByTestId('consultation-saved').waitFor({ timeout: STEP_MS });
      const left = await desk.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cc1357.draft.')));
      expect(left).toEqual([]);
      // Saved once, with the template and the note, by this counselor.
      const found = await crm.searchConsultations({ category: 'export', q: '' });
      expect(found.filter((c) => c.summary.includes(note) && c.summary.includes('[문의]'))).toHaveLength(1);
      await desk.close();
    }, 180_000);

    it('the policy calendar draws the coming weeks and stays accessible', async () => {
      const page = await browser.context.newPage();
      await loginAs(page, center.consoleUrl!, 'counselor', DEMO_PASSWORD, STEP_MS);
      await page.getByRole('button', { name: '정책 달력' }).click();
      await page.getByTestId('calendar-table').waitFor({ timeout: STEP_MS });
      await page.getByTestId('calendar-timeline').waitFor();
      await shot(page, 's5-calendar');
      expect(await accessibilityFindings(page)).toEqual([]);
      await page.close();
    }, 180_000);
  },
);
