import type { Recommendation } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { categoryLabel } from '../../i18n/labels';
import { formatWon } from '../../lib/format';
import { recommendationReason } from './recommendation-reason';

/** Programs open now or soon that fit this company, best first, with why (similar companies). */
export function RecommendationsPanel({ items }: { items: Recommendation[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="insight" aria-labelledby="recommend-title" data-testid="recommendations">
      <h3 id="recommend-title">{t('insights.recommendations')}</h3>
      {items.length === 0 ? (
        <p className="muted">{t('insights.noRecommendations')}</p>
      ) : (
        <ol className="recommend-list">
          {items.map((r) => {
            const { program, window } = r;
            return (
              <li key={program.id}>
                <div className="recent-head">
                  <span className={`tag ${window === 'open' ? 'tag-open' : 'tag-soon'}`}>
                    {t(`insights.window.${window}`)}
                  </span>
                  <strong>{program.name}</strong>
                  <span className="muted small">
                    {program.agency} · {categoryLabel(program.category, i18n.language)}
                  </span>
                </div>
                <div className="muted small">
                  {t('insights.period', { opens: program.opensOn, closes: program.closesOn })}
                  {program.maxAmount !== null
                    ? ` · ${t('insights.upTo', { amount: formatWon(program.maxAmount) })}`
                    : ''}
                </div>
                <p className="recent-summary">{recommendationReason(r, t, i18n.language)}</p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
