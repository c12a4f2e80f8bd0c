import { DEMO_PASSWORD } from '@cc1357/crm-api';
import type { Center } from '@cc1357/demo';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityFindings,
  type Browser,
  hasChromium,
  loginAs,
  type Scenario,
  shot,
  startScenario,
  STEP_MS,
} from '../src';

/**
 * Issue 14, "with the lock visible to admins": someone guesses counselor2's password through the
 * real crm-api until the account is locked; the admin finds the lock on the 로그인 잠금 tab,
 * lifts it with the keyboard, and counselor2 logs in again.
 */
/** Runs in the page (a string: this package compiles without the DOM types). */
const FOCUSED_TESTID = `document.activeElement?.getAttribute('data-testid') ?? null`;

describe.skipIf(!hasChromium)('admin: login locks', () => {
  let scenario: Scenario;
  let center: Center;
  let browser: Browser;

  beforeAll(async () => {
    scenario = await startScenario({ companies: 10 });
    ({ center, browser } = scenario);
  }, 180_000);

  afterAll(() => scenario?.close(), 60_000);

  const wrongLogin = (i: number) =>
    fetch(`${center.crmUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'counselor2', password: `guess-${i}` }),
    }).then((r) => r.status);

  it('12 wrong passwords lock counselor2; the admin sees the lock, lifts it, and counselor2 logs in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push(await wrongLogin(i));
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);

    // Locked: the right password is refused on the login screen too, with the server's message.
    const desk: Page = await browser.context.newPage();
    await desk.goto(center.consoleUrl!);
    await desk.getByLabel('아이디').fill('counselor2');
    await desk.getByLabel('비밀번호').fill(DEMO_PASSWORD);
    await desk.getByRole('button', { name: '로그인' }).click();
    await expect
      .poll(() => desk.getByTestId('login-error').textContent(), { timeout: STEP_MS })
      .toContain('로그인 시도가 너무 많습니다');

    const admin = await browser.context.newPage();
    await loginAs(admin, center.consoleUrl!, 'admin', DEMO_PASSWORD, STEP_MS);
    await admin.getByRole('button', { name: '로그인 잠금' }).click();
    const row = admin.locator('[data-lock="account:counselor2"]');
    await row.waitFor({ timeout: STEP_MS });
    const cells = await row.locator('td, th').allTextContents();
    expect(cells[0]).toBe('계정');
    expect(cells[1]).toBe('counselor2');
    expect(cells[2]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/); // since, KST
    expect(cells[3]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/); // until
    expect(Number(cells[4])).toBeGreaterThanOrEqual(11);
    await shot(admin, 'login-locks-1-locked');
    expect(await accessibilityFindings(admin)).toEqual([]);

    // Lifted with the keyboard: focus the row's button, Enter; the message takes the focus.
    const lift = admin.getByRole('button', { name: '계정 counselor2 잠금 해제' });
    await lift.focus();
    await admin.keyboard.press('Enter');
    const lifted = admin.getByTestId('login-lock-lifted');
    await lifted.waitFor({ timeout: STEP_MS });
    expect(await lifted.textContent()).toContain('counselor2의 잠금을 해제했습니다');
    await expect.poll(() => admin.evaluate(FOCUSED_TESTID), { timeout: STEP_MS }).toBe('login-lock-lifted');
    await admin.getByTestId('login-locks-empty').waitFor({ timeout: STEP_MS });
    await shot(admin, 'login-locks-2-lifted');
    expect(await accessibilityFindings(admin)).toEqual([]);

    // Refresh asks crm-api again: still nothing locked.
    await admin.getByTestId('login-locks-refresh').click();
    await admin.getByTestId('login-locks-empty').waitFor({ timeout: STEP_MS });

    await loginAs(desk, center.consoleUrl!, 'counselor2', DEMO_PASSWORD, STEP_MS);
    await desk.close();
    await admin.close();
  }, 180_000);
});
