import type { ContactDto, Recommendation } from '@cc1357/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../api';
import { maskPhone } from '../../lib/format';
import { smsNumberChoices } from './sms-model';
import { SmsComposer } from './SmsComposer';

/**
 * The SMS box with its number picker, the same on the desk and on the company page: the
 * caller's number and the company's contacts, starting on the first mobile, so a caller who
 * rang from a landline can still be texted on a mobile of the company's.
 */
export function SmsWithNumberPicker({
  api,
  callerNumber,
  contacts,
  companyId,
  recommendations,
  idPrefix,
}: {
  api: ApiClient;
  callerNumber: string | null;
  contacts: readonly ContactDto[];
  companyId: string | null;
  recommendations: readonly Recommendation[];
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const { choices, initial } = useMemo(() => smsNumberChoices(callerNumber, contacts), [callerNumber, contacts]);
  const [picked, setPicked] = useState<string | null>(null);
  const number = picked ?? initial;
  if (choices.length === 0) return <p className="muted">{t('company.noContacts')}</p>;
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-number`}>{t('sms.pickNumber')}</label>
        <select
          id={`${idPrefix}-number`}
          value={number}
          onChange={(e) => setPicked(e.target.value)}
          data-testid="sms-number"
        >
          <option value="">{t('sms.chooseNumber')}</option>
          {choices.map((c) => (
            <option key={c.number} value={c.number}>
              {c.contact ?? t('sms.callerNumber')} · {maskPhone(c.number)} (
              {t(`company.phoneKind.${c.mobile ? 'mobile' : 'landline'}`)})
            </option>
          ))}
        </select>
      </div>
      {number ? (
        <SmsComposer
          key={number}
          api={api}
          number={number}
          companyId={companyId}
          recommendations={recommendations}
          idPrefix={idPrefix}
        />
      ) : null}
    </>
  );
}
