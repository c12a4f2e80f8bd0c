import { PARTNERS, type RelayDto } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { formatKstDateTime } from '../../lib/format';

/** Relay packages no partner system took after every attempt, each with its 다시 보내기 button. */
export function DeadLettersTable({
  relays,
  retrying,
  onRetry,
}: {
  relays: RelayDto[];
  retrying: string | null;
  onRetry: (relay: RelayDto) => void;
}) {
  const { t, i18n } = useTranslation();
  if (relays.length === 0)
    return (
      <p className="muted" data-testid="dead-letters-empty">
        {t('relays.noDeadLetters')}
      </p>
    );
  return (
    <table className="table" data-testid="dead-letters">
      <thead>
        <tr>
          <th scope="col">{t('relays.partner')}</th>
          <th scope="col">{t('relays.question')}</th>
          <th scope="col">{t('relays.company')}</th>
          <th scope="col" className="num">
            {t('relays.attempts')}
          </th>
          <th scope="col">{t('relays.lastError')}</th>
          <th scope="col">{t('relays.deadAt')}</th>
          <th scope="col">
            <span className="sr-only">{t('relays.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {relays.map((r) => {
          const partner = i18n.language === 'en' ? PARTNERS[r.partnerId].nameEn : PARTNERS[r.partnerId].nameKo;
          return (
            <tr key={r.id} data-relay={r.id}>
              <td>{partner}</td>
              <th scope="row">{r.question}</th>
              <td>{r.companyName ?? '—'}</td>
              <td className="num">{r.delivery?.attempts ?? 0}</td>
              <td>{r.delivery?.lastError ?? '—'}</td>
              <td>
                {r.delivery?.deadAt ? (
                  <time dateTime={r.delivery.deadAt}>{formatKstDateTime(r.delivery.deadAt)}</time>
                ) : null}
              </td>
              <td>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={retrying !== null}
                  aria-label={t('relays.retryLabel', { partner, id: r.id })}
                  onClick={() => onRetry(r)}
                >
                  {retrying === r.id ? t('relays.retrying') : t('relays.retry')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
