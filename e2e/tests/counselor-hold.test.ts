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
 * Hold and mute at the desk in a real browser against the whole center on pbx-sim: the counselor
 * answers, F6 holds (the button pressed, a hold timer, the notice), F10 mutes, the mute button
 * unmutes, F6 resumes (the hold time stays on screen), F8 hangs up.
 */
describe.skipIf(!hasChromium)('counselor holds and mutes a call', () => {
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

  it('F6 holds with a running timer, F10 mutes, both as pressed toggle buttons; F6 again resumes', async () => {
    const desk = await browser.context.newPage();
    await loginAs(desk, center.consoleUrl!, 'counselor', DEMO_PASSWORD, STEP_MS);
    await desk.locator('[data-testid=connection][data-state=connected]').waitFor({ timeout: STEP_MS });
    await desk.locator('[data-testid=agent-state]:not([data-state=unknown])').waitFor({ timeout: STEP_MS });
    await desk.getByRole('button', { name: /대기/ }).click();
    await desk.locator('[data-testid=agent-state][data-state=ready]').waitFor({ timeout: STEP_MS });
    await callUntilDeskRings(desk, sim, scenario.samples.known[0]!, '1', STEP_MS);
    // Hold is not offered while the phone rings.
    expect(await desk.locator('[data-action=hold]').count()).toBe(0);
    await desk.keyboard.press('F4');
    await desk.locator('[data-testid=call-phase][data-phase=connected]').waitFor({ timeout: STEP_MS });

    const hold = desk.getByRole('button', { name: /보류/ });
    const mute = desk.getByRole('button', { name: /음소거/ });
    expect(await hold.getAttribute('aria-pressed')).toBe('false');
    await desk.keyboard.press('F6');
    await desk.locator('[data-action=hold][aria-pressed=true]').waitFor({ timeout: STEP_MS });
    await desk.locator('[data-testid=hold-time][data-held=true]').waitFor({ timeout: STEP_MS });
    await desk.getByTestId('on-hold').waitFor({ timeout: STEP_MS });
    // The timer runs: it shows a later time a moment later.
    const first = await desk.getByTestId('hold-time').textContent();
    await expect.poll(() => desk.getByTestId('hold-time').textContent(), { timeout: STEP_MS }).not.toBe(first);

    await desk.keyboard.press('F10');
    await desk.locator('[data-action=mute][aria-pressed=true]').waitFor({ timeout: STEP_MS });
    await desk.getByTestId('muted').waitFor({ timeout: STEP_MS });
    await shot(desk, 'hold-1-held-muted');
    expect(await accessibilityFindings(desk)).toEqual([]);

    await mute.click();
    await desk.locator('[data-action=mute][aria-pressed=false]').waitFor({ timeout: STEP_MS });
    await desk.keyboard.press('F6');
    await desk.locator('[data-action=hold][aria-pressed=false]').waitFor({ timeout: STEP_MS });
    // Resumed: the hold time stays on screen, no longer running.
    await desk.locator('[data-testid=hold-time][data-held=false]').waitFor({ timeout: STEP_MS });
    expect(await desk.getByTestId('on-hold').count()).toBe(0);
    expect(await desk.getByTestId('command-error').count()).toBe(0);

    await desk.keyboard.press('F8');
    await desk.locator('[data-testid=call-phase][data-phase=ended]').waitFor({ timeout: STEP_MS });
    expect(await desk.locator('[data-action=hold]').count()).toBe(0);
    await desk.close();
  }, 120_000);
});
