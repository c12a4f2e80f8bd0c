import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { queueLabel } from '../../i18n/labels';
import { formatDuration, formatPercent, formatSeconds } from '../../lib/format';
import type { FloorTotals, QueueRow } from './floor-model';
import type { QueueCoverage } from './coverage-model';

/**
 * Today's numbers per queue, with the live waiting line, the callers admission control turned
 * away today (– when telephony does not report it) and — given `coverage` — the agents able to
 * take each queue (Ready / logged in with its skill).
 */
export function QueueTable({
  rows,
  totals,
  coverage,
}: {
  rows: QueueRow[];
  totals: FloorTotals;
  coverage?: readonly QueueCoverage[];
}) {
  const { t, i18n } = useTranslation();
  const unit = i18n.language === 'en' ? 's' : '초';
  const refusedHintId = useId();
  return (
    <table className="table" data-testid="queue-table">
      <caption>
        {t('supervisor.today')}
        <span className="sr-only" id={refusedHintId}>
          {t('supervisor.refusedHint')}
        </span>
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('supervisor.queue')}</th>
          <th scope="col" className="num">
            {t('supervisor.waiting')}
          </th>
          <th scope="col" className="num">
            {t('supervisor.longestWait')}
          </th>
          <th
            scope="col"
            className="num"
            title={t('supervisor.refusedHint')}
            aria-describedby={refusedHintId}
            data-col="refused"
          >
            {t('supervisor.refused')}
          </th>
          {coverage ? (
            <th scope="col" className="num" title={t('supervisor.ableHint')}>
              {t('supervisor.able')}
            </th>
          ) : null}
          <th scope="col" className="num">
            {t('supervisor.offered')}
          </th>
          <th scope="col" className="num">
            {t('supervisor.answered')}
          </th>
          <th scope="col" className="num">
            {t('supervisor.abandoned')}
          </th>
          <th scope="col" className="num">
            {t('supervisor.serviceLevel')}
          </th>
          <th scope="col" className="num">
            {t('supervisor.asa')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.queue} data-queue={r.queue}>
            <th scope="row">{queueLabel(r.queue, i18n.language)}</th>
            <td className={`num ${r.waiting > 0 ? 'hot' : ''}`} data-col="waiting">
              {r.waiting}
              {r.virtualHold ? (
                <span className="small muted" data-col="virtualHold">
                  {' '}
                  {t('supervisor.virtualHold', { count: r.virtualHold })}
                </span>
              ) : null}
            </td>
            <td className="num" data-col="longestWait">
              {formatDuration(r.longestWaitSeconds)}
            </td>
            <RefusedCell count={r.refusedToday} />
            {coverage ? <AbleCell coverage={coverage.find((c) => c.queue === r.queue)} /> : null}
            <td className="num" data-col="offered">
              {r.offered}
            </td>
            <td className="num" data-col="answered">
              {r.answered}
            </td>
            <td className="num" data-col="abandoned">
              {r.abandoned}
            </td>
            <td className={`num ${r.belowTarget ? 'hot' : ''}`} data-col="serviceLevel">
              {formatPercent(r.serviceLevel)}
              {r.belowTarget ? <span className="sr-only"> ({t('supervisor.belowTarget')})</span> : null}
            </td>
            <td className="num" data-col="asa">
              {formatSeconds(r.asaSeconds, unit)}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-queue="total">
          <th scope="row">{t('supervisor.total')}</th>
          <td className="num" data-col="waiting">
            {totals.waiting}
          </td>
          <td className="num">{formatDuration(totals.longestWaitSeconds)}</td>
          <RefusedCell count={totals.refusedToday} />
          {coverage ? <td /> : null}
          <td className="num" data-col="offered">
            {totals.offered}
          </td>
          <td className="num" data-col="answered">
            {totals.answered}
          </td>
          <td className="num" data-col="abandoned">
            {totals.abandoned}
          </td>
          <td className="num" data-col="serviceLevel">
            {formatPercent(totals.serviceLevel)}
          </td>
          <td className="num">{formatSeconds(totals.asaSeconds, unit)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

function AbleCell({ coverage }: { coverage: QueueCoverage | undefined }) {
  const { t } = useTranslation();
  if (!coverage) return <td className="num">–</td>;
  return (
    <td className={`num ${coverage.stuck ? 'hot' : ''}`} data-col="able">
      <span aria-hidden="true">
        {coverage.ready}/{coverage.able}
      </span>
      <span className="sr-only">{t('supervisor.ableLabel', { ready: coverage.ready, able: coverage.able })}</span>
    </td>
  );
}

/** Callers refused today (sent to the overflow path); – when the count is not reported. */
function RefusedCell({ count }: { count: number | undefined }) {
  return (
    <td className={`num ${count ? 'hot' : ''}`} data-col="refused">
      {count === undefined ? '–' : count}
    </td>
  );
}
