import type { ConsultationDto } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { categoryLabel } from '../../i18n/labels';
import { formatKstDateTime } from '../../lib/format';

/** The caller's last consultations, newest first, so nobody asks them to repeat the story. */
export function RecentConsultations({ items }: { items: ConsultationDto[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="recent" aria-labelledby="recent-title">
      <h3 id="recent-title">{t('pop.recent')}</h3>
      {items.length === 0 ? (
        <p className="muted">{t('pop.noRecent')}</p>
      ) : (
        <ol className="recent-list">
          {items.map((c) => (
            <li key={c.id}>
              <div className="recent-head">
                <span className="tag">{categoryLabel(c.category, i18n.language)}</span>
                {c.subCategory ? <span className="muted">{c.subCategory}</span> : null}
                <span className="muted recent-meta">
                  {formatKstDateTime(c.createdAt)} · {c.counselorName} · {t(`outcomes.${c.outcome}`)}
                </span>
              </div>
              <p className="recent-summary">{c.summary}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
