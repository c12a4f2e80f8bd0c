import type { TransferInfo } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { categoryLabel } from '../../i18n/labels';

/** The pop's "이관됨" block: from whom the call came, their notes, the category and the draft they had written. */
export function TransferReceived({ transfer }: { transfer: TransferInfo }) {
  const { t, i18n } = useTranslation();
  const draft = Object.entries(transfer.draft ?? {}).filter(([, v]) => v);
  return (
    <div className="alert alert-info transfer-received" role="note" data-testid="transfer-received">
      <strong>{t('call.transfer.received', { from: `${transfer.fromName} (${transfer.fromAgentId})` })}</strong>
      <dl className="facts">
        <div className="fact fact-wide">
          <dt>{t('call.transfer.receivedNotes')}</dt>
          <dd data-testid="transfer-notes">{transfer.notes || t('call.transfer.none')}</dd>
        </div>
        <div className="fact">
          <dt>{t('call.transfer.receivedCategory')}</dt>
          <dd>{transfer.category ? categoryLabel(transfer.category, i18n.language) : t('call.transfer.none')}</dd>
        </div>
        {draft.length > 0 ? (
          <div className="fact fact-wide">
            <dt>{t('call.transfer.receivedDraft')}</dt>
            <dd>
              <dl data-testid="transfer-draft">
                {draft.map(([field, value]) => (
                  <div key={field}>
                    <dt>{t(`consultation.${field}`, { defaultValue: field })}</dt>
                    <dd>{field === 'outcome' ? t(`outcomes.${value}`, { defaultValue: value }) : value}</dd>
                  </div>
                ))}
              </dl>
            </dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}
