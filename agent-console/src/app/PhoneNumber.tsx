import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone, maskPhone } from '../lib/format';

/**
 * Every phone number on screen, by one rule: masked ("010-****-5678") until the counselor asks
 * to see it, one number at a time (a toggle button, so a keyboard user can too). A number the
 * server already masked (lists) has nothing more to show and gets no button.
 */
export function PhoneNumber({ number, withheldLabel }: { number: string | null | undefined; withheldLabel?: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  if (!number) return <span data-phone="withheld">{formatPhone(null, withheldLabel ?? t('call.withheld'))}</span>;
  if (number.includes('*')) return <span data-phone="masked">{number}</span>;
  return (
    <span className="phone" data-phone={shown ? 'shown' : 'masked'}>
      <span className="phone-digits">{shown ? formatPhone(number) : maskPhone(number)}</span>{' '}
      <button
        type="button"
        className="btn btn-link btn-inline"
        aria-pressed={shown}
        onClick={() => setShown((s) => !s)}
      >
        {shown ? t('phone.hide') : t('phone.show')}
      </button>
    </span>
  );
}
