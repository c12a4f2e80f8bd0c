import { WRAP_UP_CODES, type WrapUpCode, wrapUpCodeLabel } from '@cc1357/contracts';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Keys that pick a code while focus is in the group: 1–6 in catalogue order (shown beside each
 * label). The browser's own radio keys (Tab into the group, arrows to move) work as usual.
 */
export function wrapUpCodeForKey(key: string): WrapUpCode | null {
  const index = /^[1-9]$/.test(key) ? Number(key) - 1 : -1;
  return WRAP_UP_CODES[index] ?? null;
}

/**
 * The wrap-up code (후처리 코드) of the call in wrap-up: a radio group, nothing preselected, the
 * labels from contracts' catalogue in the console's language. Picking one tells telephony.
 */
export function WrapUpCodePicker({
  callId,
  chosen,
  disabled,
  onPick,
}: {
  callId: string;
  /** The code telephony holds (or the one just picked, until its snapshot arrives); null = none. */
  chosen: WrapUpCode | null;
  disabled: boolean;
  onPick: (callId: string, code: WrapUpCode) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ko';
  const onKeyDown = (e: KeyboardEvent<HTMLFieldSetElement>) => {
    const code = wrapUpCodeForKey(e.key);
    if (!code || disabled || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    onPick(callId, code);
    // Focus follows the choice, as the arrow keys do.
    e.currentTarget.querySelector<HTMLInputElement>(`input[value="${code}"]`)?.focus();
  };
  return (
    <fieldset
      className="chooser wrap-up-codes"
      data-testid="wrap-up-codes"
      role="radiogroup"
      aria-labelledby="wrap-up-code-legend"
      aria-required="true"
      aria-describedby={chosen ? undefined : 'wrap-up-code-required'}
      onKeyDown={onKeyDown}
    >
      <legend id="wrap-up-code-legend">{t('wrapUpCode.legend')}</legend>
      {WRAP_UP_CODES.map((code, i) => (
        <label key={code} className="chooser-option">
          <input
            type="radio"
            name={`wrap-up-code-${callId}`}
            value={code}
            checked={chosen === code}
            disabled={disabled}
            aria-keyshortcuts={String(i + 1)}
            onChange={() => onPick(callId, code)}
            data-testid={`wrap-up-code-${code}`}
          />
          <span className="muted">{i + 1}</span> <span>{wrapUpCodeLabel(code, lang)}</span>
        </label>
      ))}
      {chosen ? null : (
        <p id="wrap-up-code-required" className="muted" data-testid="wrap-up-code-required">
          {t('wrapUpCode.required')}
        </p>
      )}
    </fieldset>
  );
}
