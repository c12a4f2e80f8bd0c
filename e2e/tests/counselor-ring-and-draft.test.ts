import { DEMO_PASSWORD } from '@cc1357/crm-api';
import { SimClient, type Center } from '@cc1357/demo';
import type { Page } from 'playwright-core';
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
 * Issue 12 §5 in a real browser against the whole center on pbx-sim: a call ringing while the
 * console is out of sight flashes the title, shows a desktop notification and plays the ring
 * (Web Audio), all stopped by the answer; an unsaved write-up holds after-call work past its
 * deadline — the next caller waits — until the counselor saves it.
 *
 * The page being hidden (another tab in front) is emulated by the page's own visibilityState,
 * the one thing a headless browser cannot do for real; notifications and audio are the browser's
 * own, only recorded on their way through.
 */
const RECORDER = `
  (() => {
    let hidden = false;
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    window.__setHidden = (h) => { hidden = h; document.dispatchEvent(new Event('visibilitychange')); };
    window.__notes = [];
    const Real = window.Notification;
    if (Real) {
      class Recorded extends Real {
        constructor(title, options) {
          super(title, options);
          const note = { title, body: options && options.body, tag: options && options.tag, closed: false };
          window.__notes.push(note);
          const close = this.close.bind(this);
          this.close = () => { note.closed = true; close(); };
        }
      }
      Object.defineProperty(window, 'Notification', { configurable: true, value: Recorded });
    }
    window.__tones = 0;
    if (window.AudioContext) {
      const create = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function () { window.__tones += 1; return create.call(this); };
    }
  })();
`;

interface Note {
  title: string;
  body: string;
  tag: string;
  closed: boolean;
}

describe.skipIf(!hasChromium)('the ring and the draft', () => {
  let scenario: Scenario;
  let center: Center;
  let browser: Browser;
  let sim: SimClient;
  let desk: Page;

  beforeAll(async () => {
    scenario = await startScenario({ companies: 10, sampleCallers: 2 });
    ({ center, browser } = scenario);
    sim = new SimClient(center.simUrl, center.simUsername, center.simPassword);
    await sim.setPhone('PJSIP/1001', 'manual');
    await browser.context.grantPermissions(['notifications'], { origin: new URL(center.consoleUrl!).origin });
    desk = await browser.context.newPage();
    await desk.addInitScript(RECORDER);
    await loginAs(desk, center.consoleUrl!, 'counselor', DEMO_PASSWORD, STEP_MS);
    await desk.locator('[data-testid=connection][data-state=connected]').waitFor({ timeout: STEP_MS });
    await desk.locator('[data-testid=agent-state]:not([data-state=unknown])').waitFor({ timeout: STEP_MS });
  }, 180_000);

  afterAll(() => scenario?.close(), 60_000);

  it('a call ringing out of sight: title flash, notification and ring tone, all stopped by the answer', async () => {
    const baseTitle = await desk.title();
    await desk.getByRole('button', { name: /대기/ }).click();
    await desk.locator('[data-testid=agent-state][data-state=ready]').waitFor({ timeout: STEP_MS });
    // The counselor looks at another browser tab.
    await desk.evaluate('window.__setHidden(true)');

    await callUntilDeskRings(desk, sim, scenario.samples.known[0]!, '1', STEP_MS);
    await expect.poll(() => desk.title(), { timeout: STEP_MS }).toBe('☎ 전화가 왔습니다');
    const notes = await expect
      .poll(() => desk.evaluate<Note[]>('window.__notes'), { timeout: STEP_MS })
      .toHaveLength(1)
      .then(() => desk.evaluate<Note[]>('window.__notes'));
    expect(notes[0]).toMatchObject({ title: '☎ 전화가 왔습니다', closed: false });
    expect(notes[0]!.body).toContain('정책자금·금융');
    await expect.poll(() => desk.evaluate<number>('window.__tones'), { timeout: STEP_MS }).toBeGreaterThan(0);
    expect(await desk.getByTestId('ring-announcement').textContent()).toContain('전화가 왔습니다');

    // Back on the desk, F4 answers: the title comes back, the notification closes, the tone stops.
    await desk.evaluate('window.__setHidden(false)');
    await desk.keyboard.press('F4');
    await desk.locator('[data-testid=call-phase][data-phase=connected]').waitFor({ timeout: STEP_MS });
    await expect.poll(() => desk.title(), { timeout: STEP_MS }).toBe(baseTitle);
    expect((await desk.evaluate<Note[]>('window.__notes'))[0]!.closed).toBe(true);
    expect(await desk.getByTestId('ring-announcement').textContent()).toBe('');
  }, 120_000);

  it('hung up with the write-up unsaved: wrap-up waits, the next caller too, until the save', async () => {
    await desk.getByLabel(/상담 분야/).selectOption('finance');
    await desk.getByLabel(/상담 내용/).fill('운전자금 융자 한도 문의. 통화 후 정리 중.');
    await desk.keyboard.press('F8');
    await desk.locator('[data-testid=call-phase][data-phase=ended]').waitFor({ timeout: STEP_MS });
    await desk.locator('[data-testid=wrap-up-bar][data-kind=waitingForWriteUp]').waitFor({ timeout: STEP_MS });
    expect(await desk.locator('[data-action=ready]').isDisabled()).toBe(true);
    await shot(desk, 'ring-1-wrap-up-waits');
    expect(await accessibilityFindings(desk)).toEqual([]);

    // The next caller reaches the queue — long after the 2 s wrap-up deadline (the menu alone takes longer).
    const next = await sim.placeCall(scenario.samples.known[1]!);
    await expect
      .poll(
        async () => {
          const where = await sim.whereIs(next.channelId);
          if (where === 'ivr') await sim.sendDtmf(next.channelId, '1');
          return where;
        },
        { timeout: STEP_MS, interval: 500 },
      )
      .toBe('queued');
    // Queued and offered to no one: the counselor is still in wrap-up, the write-up still on screen.
    expect(await desk.getByTestId('agent-state').getAttribute('data-state')).toBe('wrapUp');
    expect(await desk.getByLabel(/상담 내용/).inputValue()).toBe('운전자금 융자 한도 문의. 통화 후 정리 중.');
    expect(await sim.whereIs(next.channelId)).toBe('queued');

    // Saved: wrap-up is over (its deadline passed long ago) and the waiting caller rings at once.
    await desk.getByLabel(/처리 결과/).selectOption('info');
    await desk.keyboard.press('F9');
    await desk.getByTestId('consultation-saved').waitFor({ timeout: STEP_MS });
    await desk.locator('[data-testid=call-phase][data-phase=ringing]').waitFor({ timeout: STEP_MS });
  }, 120_000);

  it('an explicit discard (two presses) forgets the write-up and ends wrap-up', async () => {
    await desk.keyboard.press('F4');
    await desk.locator('[data-testid=call-phase][data-phase=connected]').waitFor({ timeout: STEP_MS });
    await desk.getByLabel(/상담 내용/).fill('잘못 걸린 전화.');
    await desk.keyboard.press('F8');
    await desk.locator('[data-testid=wrap-up-bar][data-kind=waitingForWriteUp]').waitFor({ timeout: STEP_MS });
    const drafts = () =>
      desk.evaluate<number>("Object.keys(localStorage).filter((k) => k.startsWith('cc1357.draft.')).length");
    expect(await drafts()).toBe(1);

    const discard = desk.getByTestId('wrap-up-discard');
    await discard.click();
    expect(await discard.textContent()).toContain('정말 버릴까요');
    await discard.click();
    await desk.locator('[data-testid=agent-state][data-state=ready]').waitFor({ timeout: STEP_MS });
    expect(await desk.getByTestId('wrap-up-bar').count()).toBe(0);
    expect(await desk.getByTestId('consultation-form').count()).toBe(0);
    expect(await drafts()).toBe(0);
  }, 120_000);
});
