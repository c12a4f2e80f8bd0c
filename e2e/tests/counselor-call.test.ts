import { formatBizRegNo, type CallerPop } from '@cc1357/contracts';
import { DEMO_PASSWORD } from '@cc1357/crm-api';
import { SimClient, type Center } from '@cc1357/demo';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityFindings,
  type Browser,
  callUntilDeskRings,
  CrmReads,
  escapeRegExp,
  hasChromium,
  loginAs,
  type Scenario,
  shot,
  startScenario,
  STEP_MS,
} from '../src';

/**
 * The Foundation scenario in a real browser against the whole center on pbx-sim:
 * a counselor logs in and goes Ready, a caller dials 1357 and presses 1 (policy funds), the
 * pop shows the caller's company while the phone rings, the counselor answers, writes and
 * saves the consultation and hangs up; a supervisor's wallboard shows the counts move.
 * Each screen is also checked with axe-core (WCAG 2.1 A/AA, serious and critical findings).
 */

describe.skipIf(!hasChromium)('counselor takes a call, supervisor sees it', () => {
  let scenario: Scenario;
  let center: Center;
  let browser: Browser;
  let sim: SimClient;
  let crm: CrmReads;
  let callerNumber: string;
  let sharedNumber: string;
  let expectedPop: CallerPop;
  let desk: Page;

  beforeAll(async () => {
    scenario = await startScenario({ companies: 30, sampleCallers: 3 });
    ({ center, browser } = scenario);
    callerNumber = scenario.samples.known[0]!;
    sharedNumber = scenario.samples.shared[0]!;
    sim = new SimClient(center.simUrl, center.simUsername, center.simPassword);
    // The human counselor's phone rings until the console answers it.
    await sim.setPhone('PJSIP/1001', 'manual');
    crm = new CrmReads(center.crmUrl, DEMO_PASSWORD);
    expectedPop = await crm.pop(callerNumber);
  }, 180_000);

  afterAll(() => scenario?.close(), 60_000);

  it("a wrong password shows crm-api's own message and keeps the login screen", async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(center.consoleUrl!);
      await page.getByLabel('아이디').fill('counselor');
      await page.getByLabel('비밀번호').fill('not-the-password');
      await page.getByRole('button', { name: '로그인' }).click();
      const shown = await page.getByTestId('login-error').textContent({ timeout: STEP_MS });
      const refused = await crm.refusedLogin('counselor', 'not-the-password');
      expect(refused.status).toBe(401);
      expect(shown).toBe(refused.message);
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
      expect(await accessibilityFindings(page)).toEqual([]);
    } finally {
      await page.close();
    }
  }, 180_000);

  it('rings with the company pop, answers, saves the consultation, and the wallboard counts it', async () => {
    expect(expectedPop.status).toBe('known');
    const company = expectedPop.companies[0]!;

    const supervisor = await browser.context.newPage();
    await loginAs(supervisor, center.consoleUrl!, 'supervisor', DEMO_PASSWORD, STEP_MS);
    await supervisor.getByTestId('queue-table').waitFor({ timeout: STEP_MS });
    const fundRow = supervisor.locator('[data-testid=queue-table] tr[data-queue=fund]');
    const offeredBefore = Number(await fundRow.locator('[data-col=offered]').textContent());
    const answeredBefore = Number(await fundRow.locator('[data-col=answered]').textContent());

    desk = await browser.context.newPage();
    await loginAs(desk, center.consoleUrl!, 'counselor', DEMO_PASSWORD, STEP_MS);
    await desk.locator('[data-testid=connection][data-state=connected]').waitFor({ timeout: STEP_MS });
    await desk.locator('[data-testid=agent-state]:not([data-state=unknown])').waitFor({ timeout: STEP_MS });
    await desk.getByRole('button', { name: /대기/ }).click();
    await desk.locator('[data-testid=agent-state][data-state=ready]').waitFor({ timeout: STEP_MS });

    // The caller dials 1357, hears the notice and presses 1 (policy funds), again if the menu missed it.
    await callUntilDeskRings(desk, sim, callerNumber, '1', STEP_MS);
    await shot(desk, '1-ringing');
    expect(await accessibilityFindings(desk)).toEqual([]);

    // While it rings: number, queue and the company from the CRM.
    await expect.poll(() => desk.getByTestId('call-queue').textContent()).toBe('정책자금·금융');
    const card = desk.getByTestId('company-card');
    await expect.poll(() => card.locator('h3').textContent()).toBe(company.name);
    expect(await card.textContent()).toContain(formatBizRegNo(company.bizRegNo));
    expect(await desk.getByRole('status').filter({ hasText: '전화가 왔습니다' }).count()).toBe(1);
    // Nothing had the focus (the Ready button disabled itself), so the ring put it on Answer.
    expect(
      await desk.evaluate<string | null>(
        'document.activeElement && document.activeElement.getAttribute("data-action")',
      ),
    ).toBe('answer');

    // F4 answers (the registered shortcut, as a counselor would).
    await desk.keyboard.press('F4');
    await desk.locator('[data-testid=call-phase][data-phase=connected]').waitFor({ timeout: STEP_MS });
    await desk.locator('[data-testid=agent-state][data-state=onCall]').waitFor({ timeout: STEP_MS });

    // The write-up: an empty save shows field errors; a double-clicked save stores one consultation.
    await desk.getByRole('button', { name: /상담 저장/ }).click();
    await desk.getByTestId('c-summary-error').waitFor();
    await shot(desk, '2-field-errors');
    expect(await accessibilityFindings(desk)).toEqual([]);
    await desk.getByLabel(/상담 분야/).selectOption('finance');
    await desk.getByLabel(/세부 분야/).fill('정책자금 융자');
    await desk
      .getByLabel(/상담 내용/)
      .fill('신성장기반자금 신청 자격과 접수 일정 문의. 공고 일정과 필요 서류를 안내함.');
    await desk.getByLabel(/처리 결과/).selectOption('info');
    await desk.getByRole('button', { name: /상담 저장/ }).dblclick();
    await desk.getByTestId('consultation-saved').waitFor({ timeout: STEP_MS });
    await shot(desk, '3-saved');

    // F8 hangs up; the call stays on screen as ended, the agent is in wrap-up or back to ready.
    await desk.keyboard.press('F8');
    await desk.locator('[data-testid=call-phase][data-phase=ended]').waitFor({ timeout: STEP_MS });
    await shot(desk, '4-ended');

    // Stored once, linked to the call and the company.
    const saved = await crm.consultationsOf(company.id);
    const mine = saved.filter((c) => c.summary.startsWith('신성장기반자금 신청 자격'));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      category: 'finance',
      outcome: 'info',
      subCategory: '정책자금 융자',
      companyId: company.id,
    });

    // The wallboard, live: one more offered and answered in the fund queue.
    await expect
      .poll(async () => Number(await fundRow.locator('[data-col=offered]').textContent()), { timeout: STEP_MS })
      .toBe(offeredBefore + 1);
    await expect
      .poll(async () => Number(await fundRow.locator('[data-col=answered]').textContent()), { timeout: STEP_MS })
      .toBe(answeredBefore + 1);
    await shot(supervisor, '5-wallboard');
    expect(await accessibilityFindings(supervisor)).toEqual([]);

    // The IVR flows telephony pushed on join: the main flow in force, starting at the recording notice.
    await supervisor.getByRole('button', { name: 'ARS 흐름' }).click();
    await supervisor.getByTestId('ivr-flows').waitFor({ timeout: STEP_MS });
    expect(await supervisor.getByTestId('ivr-problems').count()).toBe(0);
    const firstNode = supervisor.locator('[data-testid=ivr-nodes] tbody tr').first();
    expect(await firstNode.getAttribute('data-node')).toBe('notice');
    await shot(supervisor, '7-ivr-flows');
    expect(await accessibilityFindings(supervisor)).toEqual([]);
    await supervisor.close();
  }, 120_000);

  it('a number shared by several companies asks which one; the consultation is filed under the chosen company', async () => {
    const pop = await crm.pop(sharedNumber);
    expect(pop.status).toBe('ambiguous');
    const chosen = pop.companies[1]!;

    // Back to Ready after the previous call's wrap-up (F2 ends wrap-up early if it is still running).
    const state = desk.getByTestId('agent-state');
    await expect
      .poll(async () => state.getAttribute('data-state'), { timeout: STEP_MS })
      .toMatch(/^(ready|wrapUp|notReady)$/);
    if ((await state.getAttribute('data-state')) !== 'ready') await desk.keyboard.press('F2');
    await desk.locator('[data-testid=agent-state][data-state=ready]').waitFor({ timeout: STEP_MS });

    await callUntilDeskRings(desk, sim, sharedNumber, '1', STEP_MS);

    const chooser = desk.getByTestId('company-chooser');
    await expect.poll(() => chooser.getByRole('radio').count()).toBe(pop.companies.length);
    expect(await desk.getByTestId('company-card').count()).toBe(0);
    await chooser.getByRole('radio', { name: new RegExp(escapeRegExp(chosen.name)) }).check();
    await expect.poll(() => desk.getByTestId('company-card').locator('h3').textContent()).toBe(chosen.name);
    // The chosen company's own history replaces the number's: what crm-api pops for that 사업자등록번호.
    const chosenPop = await crm.pop(sharedNumber, chosen.bizRegNo);
    expect(chosenPop.recentConsultations.length).toBeGreaterThan(0); // the fixed seed gives this company a history
    for (const past of chosenPop.recentConsultations.slice(0, 2)) {
      await desk.locator('.recent-summary', { hasText: past.summary }).first().waitFor({ timeout: STEP_MS });
    }
    await shot(desk, '6-ambiguous-chosen');
    expect(await accessibilityFindings(desk)).toEqual([]);

    await desk.getByRole('button', { name: /전화 받기/ }).click();
    await desk.locator('[data-testid=call-phase][data-phase=connected]').waitFor({ timeout: STEP_MS });
    await desk.getByLabel(/상담 분야/).selectOption('startup');
    await desk.getByLabel(/상담 내용/).fill('예비창업패키지 모집 일정 문의. 공고 시기 안내.');
    await desk.keyboard.press('F9');
    await desk.getByTestId('consultation-saved').waitFor({ timeout: STEP_MS });
    await desk.getByRole('button', { name: /전화 끊기/ }).click();
    await desk.locator('[data-testid=call-phase][data-phase=ended]').waitFor({ timeout: STEP_MS });

    const filed = (await crm.consultationsOf(chosen.id)).filter((c) =>
      c.summary.startsWith('예비창업패키지 모집 일정'),
    );
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({
      companyId: chosen.id,
      category: 'startup',
      callerNumber: expect.stringContaining(sharedNumber.slice(-4)),
    });
  }, 120_000);
});
