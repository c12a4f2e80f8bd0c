import { useTranslation } from 'react-i18next';
import { queueLabel } from '../../i18n/labels';
import { stuckQueues, type QueueCoverage } from './coverage-model';

/**
 * The wallboard's answer to "why do callers wait?": one line per queue whose callers wait while
 * no Ready agent has its skill, with where the Ready agents are instead. Polite live region: it
 * is redrawn on every snapshot and must not interrupt a screen reader each time.
 */
export function CoverageAlert({ coverage }: { coverage: readonly QueueCoverage[] }) {
  const { t, i18n } = useTranslation();
  const stuck = stuckQueues(coverage);
  return (
    <div className="coverage-live" role="status" aria-live="polite" data-testid="coverage-alert">
      {stuck.length === 0 ? null : (
        <div className="alert alert-error" aria-labelledby="coverage-title">
          <strong id="coverage-title">{t('coverage.title')}</strong>
          <ul>
            {stuck.map((c) => (
              <li key={c.queue} data-queue={c.queue}>
                {t('coverage.stuck', { queue: queueLabel(c.queue, i18n.language), count: c.waiting })}{' '}
                <span className="muted">
                  {c.able === 0 ? t('coverage.noneLoggedIn') : t('coverage.busy', { count: c.able })}
                  {c.readyElsewhere > 0 ? ` ${t('coverage.elsewhere', { count: c.readyElsewhere })}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
