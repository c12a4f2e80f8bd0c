import { WRAP_UP_CODE_CATALOGUE, WRAP_UP_CODES, type WrapUpCode } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { agent } from '../../../test/factories';
import { INITIAL_DESK, type DeskState } from '../desk/desk-state';
import { WrapUpBar } from './WrapUpBar';
import { WrapUpCodePicker, wrapUpCodeForKey } from './WrapUpCodePicker';
import { wrapUpCodeBlocksReady } from './wrap-up-model';

const ui = consoleI18n();

const picker = (chosen: WrapUpCode | null, disabled = false) =>
  ui.html(<WrapUpCodePicker callId="call-1" chosen={chosen} disabled={disabled} onPick={() => undefined} />);

/** The `<input …/>` tag of one code's radio in rendered markup. */
const radio = (out: string, code: WrapUpCode) => out.match(new RegExp(`<input[^>]*value="${code}"[^>]*/>`))?.[0] ?? '';

const inWrapUp = (wrapUpCode: WrapUpCode | null): DeskState => ({
  ...INITIAL_DESK,
  agent: agent({
    state: 'wrapUp',
    reason: null,
    callId: 'call-1',
    wrapUpUntil: '2099-01-01T00:00:00.000Z',
    wrapUpCode,
  }),
});

describe('the wrap-up code picker (후처리 코드)', () => {
  it('is a labelled radio group of the whole catalogue, Korean first, nothing preselected, saying it is required', () => {
    const out = picker(null);
    const group = out.match(/<fieldset[^>]*>/)?.[0] ?? '';
    for (const attr of ['role="radiogroup"', 'aria-required="true"', 'aria-labelledby="wrap-up-code-legend"'])
      expect(group).toContain(attr);
    expect(out).toContain('<legend id="wrap-up-code-legend">후처리 코드</legend>');
    expect(out.match(/type="radio"/g)).toHaveLength(WRAP_UP_CODE_CATALOGUE.length);
    for (const { ko } of WRAP_UP_CODE_CATALOGUE) expect(out).toContain(ko);
    expect(out).not.toContain('checked');
    expect(out).toContain('후처리 코드를 골라야 대기(F2)로 돌아갈 수 있습니다.');
    // One group per call: the browser's arrow keys move within it.
    expect(new Set(out.match(/name="[^"]*"/g))).toEqual(new Set(['name="wrap-up-code-call-1"']));
  });

  it('checks the chosen code only, and stops asking', () => {
    const out = picker('callbackNeeded');
    expect(out.match(/checked=""/g)).toHaveLength(1);
    expect(radio(out, 'callbackNeeded')).toContain('checked=""');
    expect(out).not.toContain('data-testid="wrap-up-code-required"');
  });

  it('in English', async () => {
    await ui.i18n.changeLanguage('en');
    try {
      const out = picker(null);
      expect(out).toContain('>Wrap-up code</legend>');
      for (const { en } of WRAP_UP_CODE_CATALOGUE) expect(out).toContain(en);
      expect(out).toContain('Pick a wrap-up code to go back to Ready (F2).');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
  });

  it('by keyboard: 1–6 pick the codes in catalogue order (each radio says its key); other keys pick nothing', () => {
    WRAP_UP_CODES.forEach((code, i) => expect(wrapUpCodeForKey(String(i + 1))).toBe(code));
    for (const key of ['0', '7', '9', 'a', 'Enter', ' ', 'ArrowDown', '12']) expect(wrapUpCodeForKey(key)).toBeNull();
    const out = picker(null);
    WRAP_UP_CODES.forEach((code, i) => expect(radio(out, code)).toContain(`aria-keyshortcuts="${i + 1}"`));
  });

  it('offline: the radios are off', () => {
    expect(picker(null, true).match(/disabled=""/g)).toHaveLength(WRAP_UP_CODES.length);
  });

  it('sits in the after-call bar, showing the code telephony holds; Ready waits for one', () => {
    const bar = (d: DeskState) =>
      ui.html(
        <WrapUpBar desk={d} online onExtend={() => undefined} onDiscard={() => undefined} onCode={() => undefined} />,
      );
    expect(bar(inWrapUp(null))).toContain('data-testid="wrap-up-codes"');
    expect(radio(bar(inWrapUp('wrongNumber')), 'wrongNumber')).toContain('checked=""');
    expect(wrapUpCodeBlocksReady(inWrapUp(null))).toBe(true);
    expect(wrapUpCodeBlocksReady(inWrapUp('resolved'))).toBe(false);
    expect(wrapUpCodeBlocksReady({ ...INITIAL_DESK, agent: agent({ state: 'ready', reason: null }) })).toBe(false);
  });
});
