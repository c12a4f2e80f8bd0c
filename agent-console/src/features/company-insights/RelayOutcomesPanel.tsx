import { PARTNERS, type RelayDto } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { formatKstDateTime } from '../../lib/format';

/**
 * What partner centers answered to this caller's relays: the counselor sees the outcome before
 * the caller has to tell it (issue 12 §3, "it appears in the next pop").
 */
export function RelayOutcomesPanel({ relays }: { relays: RelayDto[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="insight" aria-labelledby="relay-outcomes-title" data-testid="relay-outcomes">
      <h3 id="relay-outcomes-title">{t('relays.outcomesTitle', { count: relays.length })}</h3>
      <ul className="open-list">
        {relays.map((r) => (
          <li key={r.id}>
            <span className="tag">{t(`relayStatus.${r.status}`)}</span>{' '}
            {i18n.language === 'en' ? PARTNERS[r.partnerId].nameEn : PARTNERS[r.partnerId].nameKo} · {r.question}
            <br />
            {r.outcome}{' '}
            <span className="muted small">
              {r.outcomeAt ? formatKstDateTime(r.outcomeAt) : ''}
              {r.outcomeBy ? ` · ${r.outcomeBy}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
