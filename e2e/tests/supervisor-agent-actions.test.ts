import { DEMO_PASSWORD } from '@cc1357/crm-api';
import { SimClient, type Center } from '@cc1357/demo';
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
 * The supervisor's actions on a counselor in a real browser against the whole center on pbx-sim
 * (issue 16): the supervisor narrows 김상담's skills to policy funds; an HR caller then waits and
 * the wallboard says why (no Ready agent has the skill); Not ready is forced with a reason, and
 * the log out asks first (keyboard: Escape cancels). The counselor's console tells them each time.
 */
describe.skipIf(!hasChromium)('supervisor acts on a counselor', () => {
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

  it('changes skills, shows why callers wait, forces Not ready and logs out after a confirmation', async () => {
    const desk = await browser.context.newPage();
    await loginAs(desk, center.consoleUrl!, 'counselor', DEMO_PASSWORD, STEP_MS);
    await desk.locator('[data-testid=connection][data-state=connected]').waitFor({ timeout: STEP_MS });
    await desk.locator('[data-testid=agent-state]:not([data-state=unknown])').waitFor({ timeout: STEP_MS });
    await desk.getByRole('button', { name: /대기/ }).click();
    await desk.locator('[data-testid=agent-state][data-state=ready]').waitFor({ timeout: STEP_MS });

    const sup = await browser.context.newPage();
    await loginAs(sup, center.consoleUrl!, 'supervisor', DEMO_PASSWORD, STEP_MS);
    await sup.locator('[data-agent="1001"]').waitFor({ timeout: STEP_MS });
    await sup.getByRole('button', { name: '김상담 상담원 조치' }).click();
    const panel = sup.getByTestId('agent-actions');
    await panel.waitFor({ timeout: STEP_MS });

    // Skills: policy funds only.
    for (const box of await panel.getByRole('checkbox').all())
      if ((await box.getAttribute('value')) !== 'fund') await box.uncheck();
    await panel.getByRole('checkbox', { name: '정책자금·금융' }).check();
    await panel.getByRole('button', { name: '상담 분야 저장' }).click();
    await sup.getByTestId('agent-action-done').waitFor({ timeout: STEP_MS });
    await desk.locator('[data-testid=supervised-notice] [data-action=skills]').waitFor({ timeout: STEP_MS });
    expect(await desk.getByTestId('supervised-notice').textContent()).toContain(
      '관리자 박관리님이 상담 분야를 변경했습니다: 정책자금·금융',
    );
    await sup.locator('[data-agent="1001"] [data-col=skills]', { hasText: /^정책자금·금융$/ }).waitFor({
      timeout: STEP_MS,
    });

    // An HR caller: 김상담 is Ready but cannot take it, and the wallboard says so.
    const placed = await sim.placeCall(scenario.samples.known[0]!);
    const stuck = sup.locator('[data-testid=coverage-alert] li[data-queue=hr]');
    for (let press = 0; press < 8 && !(await stuck.isVisible()); press++) {
      if ((await sim.whereIs(placed.channelId)) === 'ivr') await sim.sendDtmf(placed.channelId, '6');
      await stuck.waitFor({ timeout: 2_000 }).catch(() => undefined);
    }
    await stuck.waitFor({ timeout: STEP_MS });
    expect(await stuck.textContent()).toContain('인력·고용: 대기 고객 1명 — 해당 상담 분야를 가진 대기 상담사 없음');
    expect(await stuck.textContent()).toContain('대기 상담사 1명은 다른 분야만 담당합니다.');
    await shot(sup, 'sup-actions-1-why-callers-wait');
    expect(await accessibilityFindings(sup)).toEqual([]);

    // Force Not ready (meeting).
    await panel.getByLabel('상담 불가 사유').selectOption('meeting');
    await panel.getByRole('button', { name: '상담 불가로 변경' }).click();
    await desk.locator('[data-testid=agent-state][data-state=notReady]').waitFor({ timeout: STEP_MS });
    await desk.locator('[data-testid=supervised-notice] [data-action=notReady]').waitFor({ timeout: STEP_MS });
    expect(await desk.getByTestId('supervised-notice').textContent()).toContain(
      '관리자 박관리님이 상담 불가 상태로 변경했습니다 (회의).',
    );
    expect(await accessibilityFindings(desk)).toEqual([]);

    // Log out by keyboard: the confirmation takes the focus on Cancel, Escape closes it.
    await panel.getByRole('button', { name: '로그아웃' }).focus();
    await sup.keyboard.press('Enter');
    const confirm = sup.getByRole('alertdialog', { name: '김상담 상담원을 로그아웃할까요?' });
    await confirm.waitFor({ timeout: STEP_MS });
    expect(
      await confirm.getByRole('button', { name: '취소' }).evaluate((b) => b === b.ownerDocument.activeElement),
    ).toBe(true);
    await shot(sup, 'sup-actions-2-confirm-logout');
    expect(await accessibilityFindings(sup)).toEqual([]);
    await sup.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached', timeout: STEP_MS });
    await panel.getByRole('button', { name: '로그아웃' }).click();
    await confirm.getByRole('button', { name: '로그아웃' }).click();
    await desk.locator('[data-testid=agent-state][data-state=offline]').waitFor({ timeout: STEP_MS });
    await desk.locator('[data-testid=supervised-notice] [data-action=logout]').waitFor({ timeout: STEP_MS });
    await sup.locator('[data-agent="1001"] .state-offline').waitFor({ timeout: STEP_MS });

    await sim.hangup(placed.channelId);
    await desk.close();
    await sup.close();
  }, 180_000);
});
