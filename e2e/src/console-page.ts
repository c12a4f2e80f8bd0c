import type { Page } from 'playwright-core';
import type { SimClient } from '@cc1357/demo';

/** Page steps shared by the scenarios, written the way a counselor uses the console. */

export async function loginAs(
  page: Page,
  consoleUrl: string,
  username: string,
  password: string,
  timeoutMs: number,
): Promise<void> {
  await page.goto(consoleUrl);
  await page.getByLabel('아이디').fill(username);
  await page.getByLabel('비밀번호').fill(password);
  await page.getByRole('button', { name: '로그인' }).click();
  await page.locator('[data-testid=connection]').waitFor({ timeout: timeoutMs });
}

/**
 * A caller dials 1357 from `from` and presses `digits` once the menu listens (again when the
 * IVR did not take them, as a person would after hearing the menu repeat), until the desk rings.
 */
export async function callUntilDeskRings(
  desk: Page,
  sim: SimClient,
  from: string,
  digits: string,
  timeoutMs: number,
): Promise<string> {
  const placed = await sim.placeCall(from);
  if (placed.route !== 'stasis') throw new Error(`the call was not taken by the Stasis app (route ${placed.route})`);
  const ringing = desk.locator('[data-testid=call-phase][data-phase=ringing]');
  for (let press = 0; press < 8 && !(await ringing.isVisible()); press++) {
    if ((await sim.whereIs(placed.channelId)) === 'ivr') await sim.sendDtmf(placed.channelId, digits);
    await ringing.waitFor({ timeout: 2_000 }).catch(() => undefined);
  }
  await ringing.waitFor({ timeout: timeoutMs });
  return placed.channelId;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
