import { DEMO_PASSWORD } from '@cc1357/crm-api';
import { SimClient, type Center } from '@cc1357/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityFindings,
  type Browser,
  callUntilDeskRings,
  hasChromium,
  loginAs,
  type Scenario,
  shot,
  startScenario,
  STEP_MS,
} from '../src';

/**
 * 내 하루 (issue 16) in a real browser against the whole center on pbx-sim: the counselor takes a
 * call and hangs up; Shift+F2 opens their day with the call in it (the panel reloads when the
 * call ends and when wrap-up is over), the arrow keys move through the list, Shift+F2 closes it
 * and gives the focus back to the button.
 */
describe.skipIf(!hasChromium)("counselor's own day", () => {
  let scenario: Scenario;
  let center: Center;
  let browser: Browser;
  let sim: SimClient;

  beforeAll(async () => {
    scenario = await startScenario({ companies: 10, sampleCallers: 1 });
    ({ center, browser } = scenario);
    sim = new SimClient(center.simUrl, center.simUsername, center.simPassword);
    await sim.setPhone('PJSIP/1001', 'manual');
  }, 180_000);

  afterAll(() => scenario?.close(), 60_000);

  it('Shift+F2 opens the day: the answered call is listed, figures count it, keys move through rows', async () => {
    const desk = await browser.context.newPage();
    await loginAs(desk, center.consoleUrl!, 'counselor', DEMO_PASSWORD, STEP_MS);
    await desk.locator('[data-testid=connection][data-state=connected]').waitFor({ timeout: STEP_MS });
    await desk.locator('[data-testid=agent-state]:not([data-state=unknown])').waitFor({ timeout: STEP_MS });
    await desk.getByRole('button', { name: /대기/ }).click();
    await desk.locator('[data-testid=agent-state][data-state=ready]').waitFor({ timeout: STEP_MS });

    // Open before the call: the empty day, and the heading has the focus.
    await desk.keyboard.press('Shift+F2');
    await desk.getByTestId('my-day-figures').waitFor({ timeout: STEP_MS });
    expect(
      await desk.evaluate(
        () => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id,
      ),
    ).toBe('my-day-title');
    expect(await desk.getByTestId('my-day-toggle').getAttribute('aria-expanded')).toBe('true');
    expect(await desk.locator('[data-testid=my-day-answered] .kpi-value').textContent()).toBe('0');

    // Two calls, each answered (F4) and hung up (F8).
    for (let n = 1; n <= 2; n++) {
      await desk.locator('[data-testid=agent-state][data-state=ready]').waitFor({ timeout: STEP_MS });
      await callUntilDeskRings(desk, sim, scenario.samples.known[0]!, '1', STEP_MS);
      await desk.keyboard.press('F4');
      await desk.locator('[data-testid=call-phase][data-phase=connected]').waitFor({ timeout: STEP_MS });
      await desk.keyboard.press('F8');
      await desk.locator('[data-testid=call-phase][data-phase=ended]').waitFor({ timeout: STEP_MS });
      // The call's end and the end of wrap-up reload the open panel.
      await desk
        .locator('[data-testid=my-day-answered] .kpi-value', { hasText: String(n) })
        .waitFor({ timeout: STEP_MS });
      // No write-up for this call: discarding it (two presses) ends wrap-up.
      await desk.locator('[data-testid=wrap-up-bar][data-kind=waitingForWriteUp]').waitFor({ timeout: STEP_MS });
      await desk.getByTestId('wrap-up-discard').click();
      await desk.getByTestId('wrap-up-discard').click();
    }
    const rows = desk.locator('[data-testid=my-day-calls] tbody tr');
    await desk
      .locator('[data-testid=my-day-calls] tbody tr[data-outcome=answered]')
      .nth(1)
      .waitFor({ timeout: STEP_MS });
    expect(await rows.count()).toBe(2);
    expect(await rows.first().locator('td').first().textContent()).toMatch(/^\d{2,3}-\*+-\d{4}$/);
    await shot(desk, 'my-day-1-open');
    expect(await accessibilityFindings(desk)).toEqual([]);

    // One row is in the tab order; the arrows, Home and End move the focus through the list.
    const focused = (i: number) =>
      rows.nth(i).evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement);
    await rows.first().focus();
    await desk.keyboard.press('ArrowDown');
    expect(await focused(1)).toBe(true);
    expect(await rows.nth(1).getAttribute('tabindex')).toBe('0');
    expect(await rows.nth(0).getAttribute('tabindex')).toBe('-1');
    await desk.keyboard.press('Home');
    expect(await focused(0)).toBe(true);

    await desk.keyboard.press('Shift+F2');
    await desk.getByTestId('my-day').waitFor({ state: 'detached', timeout: STEP_MS });
    expect(await desk.getByTestId('my-day-toggle').getAttribute('aria-expanded')).toBe('false');
    expect(
      await desk
        .getByTestId('my-day-toggle')
        .evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement),
    ).toBe(true);
    await desk.close();
  }, 120_000);
});
