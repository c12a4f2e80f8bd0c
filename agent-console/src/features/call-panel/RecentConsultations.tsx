import type { ConsultationDto } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { ConsultationItem } from '../consultation/ConsultationItem';

/** The caller's last consultations, newest first, so nobody asks them to repeat the story. */
export function RecentConsultations({ items }: { items: ConsultationDto[] }) {
  const { t } = useTranslation();
  return (
    <section className="recent" aria-labelledby="recent-title">
      <h3 id="recent-title">{t('pop.recent')}</h3>
      {items.length === 0 ? (
        <p className="muted">{t('pop.noRecent')}</p>
      ) : (
        <ol className="recent-list">
          {items.map((c) => (
            <ConsultationItem
              key={c.id}
              item={c}
              subject={c.subCategory ? <span className="muted">{c.subCategory}</span> : null}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
