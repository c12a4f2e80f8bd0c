import type { ContactDto, QueueId, Recommendation } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../api';
import { CallbackForm } from '../callbacks/CallbackForm';
import { SmsWithNumberPicker } from '../sms/SmsNumberPicker';

/** From the call on desk: text the caller the programs discussed, or book a callback. */
export function DeskOutreach({
  api,
  number,
  contacts,
  companyId,
  callId,
  queue,
  recommendations,
}: {
  api: ApiClient;
  number: string;
  contacts: readonly ContactDto[];
  companyId: string | null;
  callId: string;
  queue: QueueId;
  recommendations: readonly Recommendation[];
}) {
  const { t } = useTranslation();
  return (
    <div className="panel outreach">
      <details>
        <summary>{t('sms.title')}</summary>
        {/* The caller's number and the company's contacts: a landline caller is texted on a mobile. */}
        <SmsWithNumberPicker
          key={`${callId}-${companyId ?? ''}`}
          api={api}
          callerNumber={number}
          contacts={contacts}
          companyId={companyId}
          recommendations={recommendations}
          idPrefix="desk-sms"
        />
      </details>
      <details>
        <summary>{t('callbacks.fromDesk')}</summary>
        <CallbackForm
          key={callId}
          api={api}
          idPrefix="desk-cb"
          number={number}
          queue={queue}
          companyId={companyId}
          callId={callId}
        />
      </details>
    </div>
  );
}
