import { DEMO_PASSWORD } from '@cc1357/crm-api';
import { signAccessToken, type CallEventV1 } from '@cc1357/contracts';
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
 * Issue 13 in the browser: a call recorded by the center's PBX (pbx-sim, real ARI requests),
 * finalised by crm-api's job, found on the 녹취 tab, played through the signed URL with range
 * requests (the console's CSP, proxy and wavesurfer.js together), with speed and keyboard seek.
 */
describe.skipIf(!hasChromium)('supervisor reviews a recording', () => {
  let scenario: Scenario;
  let center: Center;
  let page: Page;
  const callId = `e2e-rec-${Date.now().toString(36)}`;

  beforeAll(async () => {
    scenario = await startScenario({ companies: 10 });
    ({ center } = scenario);
    // The PBX records a mixing bridge under the call's name, as telephony has it do.
    const ari = async (method: string, path: string) => {
      const res = await fetch(`${center.simUrl}/ari${path}`, {
        method,
        headers: {
          authorization: `Basic ${Buffer.from(`${center.simUsername}:${center.simPassword}`).toString('base64')}`,
        },
      });
      if (!res.ok) throw new Error(`ARI ${method} ${path}: ${res.status}`);
    };
    const name = `cc/2025-03-14/${callId}`;
    await ari('POST', '/bridges?type=mixing&bridgeId=e2e-rec');
    await ari('POST', `/bridges/e2e-rec/record?name=${encodeURIComponent(name)}&format=wav`);
    await new Promise((r) => setTimeout(r, 800)); // 8 s of recorded time at the scenario's 0.1 scale
    await ari('POST', `/recordings/live/${encodeURIComponent(name)}/stop`);
    // telephony's call events for that call (a development service token: the scenario's secret).
    const at = (s: number) => new Date(Date.now() - 120_000 + s * 1000).toISOString();
    const ev = (type: CallEventV1['type'], s: number, extra: Partial<CallEventV1> = {}): CallEventV1 => ({
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
          ev('call.arrived', 0, { callerNumber: '01055557777' }),
          ev('queue.entered', 5, { queue: 'fund' }),
          ev('call.connected', 10, { queue: 'fund', agentId: '1001' }),
          ev('recording.started', 10, { data: { name, format: 'wav' } }),
          ev('call.ended', 60),
          ev('recording.finished', 61, { data: { name, state: 'done' } }),
        ],
      }),
    });
    expect(posted.status).toBe(200);
    page = await scenario.browser.context.newPage();
    await loginAs(page, center.consoleUrl!, 'supervisor', DEMO_PASSWORD, STEP_MS);
  }, 180_000);

  afterAll(() => scenario?.close(), 60_000);

  it('finds the call on the 녹취 tab, plays it with a waveform, changes speed and seeks by keyboard', async () => {
    await page.getByRole('button', { name: '녹취', exact: true }).click();
    await page.getByTestId('recordings-view').waitFor({ timeout: STEP_MS });
    // The finalise job runs beside the browser: search again until the row is there.
    const row = page.locator('tr[data-recording]').filter({ hasText: '010-****-7777' });
    await expect
      .poll(
        async () => {
          if ((await row.count()) > 0) return true;
          await page.getByRole('button', { name: '검색', exact: true }).click();
          return false;
        },
        { timeout: STEP_MS, interval: 250 },
      )
      .toBe(true);
    await row.getByRole('button', { name: /녹취 열기/ }).click();
    const play = page.getByRole('button', { name: '재생', exact: true });
    await expect.poll(() => play.isEnabled(), { timeout: STEP_MS }).toBe(true);
    await shot(page, 'rec-1-opened');
    // wavesurfer drew the waveform (its canvases sit in an open shadow root, which locators pierce).
    // Drawn a moment after the audio is ready: waited for, not counted at once.
    await expect.poll(() => page.locator('.waveform canvas').count(), { timeout: STEP_MS }).toBeGreaterThan(0);

    await play.click();
    await expect
      .poll(() => page.evaluate('document.querySelector("audio").currentTime') as Promise<number>, {
        timeout: STEP_MS,
      })
      .toBeGreaterThan(0);
    await page.getByLabel('재생 속도').selectOption('1.5');
    expect(await page.evaluate('document.querySelector("audio").playbackRate')).toBe(1.5);
    await page.getByRole('button', { name: '일시정지' }).click();
    const before = (await page.evaluate('document.querySelector("audio").currentTime')) as number;
    await page.getByRole('slider', { name: /녹취 파형/ }).focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.evaluate('document.querySelector("audio").currentTime') as Promise<number>)
      .toBeGreaterThan(before + 4);
    await shot(page, 'rec-2-played');
    expect(await accessibilityFindings(page)).toEqual([]);
  });
});
