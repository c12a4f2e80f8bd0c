import type { CallerPop } from '@cc1357/contracts';
import { PARTNERS } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { formatKstDateTime } from '../../lib/format';

type OpenItems = NonNullable<CallerPop['openItems']>;

/** What is still open for this caller: follow-ups promised, callbacks booked, relays pending. */
export function OpenItemsPanel({ items }: { items: OpenItems }) {
  const { t, i18n } = useTranslation();
  const count = items.followUps.length + items.callbacks.length + items.relays.length;
  if (count === 0) return null;
  return (
    <section className="insight insight-open" aria-labelledby="open-title" data-testid="open-items">
      <h3 id="open-title">{t('insights.openItems', { count })}</h3>
      <ul className="open-list">
        {items.followUps.map((c) => (
          <li key={`f-${c.id}`}>
            <span className="tag">{t('insights.followUp')}</span> {c.followUp ?? c.summary}{' '}
            <span className="muted small">
              {formatKstDateTime(c.createdAt)} · {c.counselorName}
            </span>
          </li>
        ))}
        {items.callbacks.map((cb) => (
          <li key={`c-${cb.id}`}>
            <span className="tag">{t('insights.callback')}</span>{' '}
            {t('insights.callbackDue', { at: formatKstDateTime(cb.dueAt) })}
            {cb.note ? ` · ${cb.note}` : ''}
          </li>
        ))}
        {items.relays.map((r) => (
          <li key={`r-${r.id}`}>
            <span className="tag">{r.direction === 'inbound' ? t('relays.inbound') : t('insights.relay')}</span>{' '}
            {i18n.language === 'en' ? PARTNERS[r.partnerId].nameEn : PARTNERS[r.partnerId].nameKo} · {r.question}{' '}
            <span className="muted small">{t(`relayStatus.${r.status}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
