import type { QueueId, RecordingDto } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { categoryLabel, queueLabel } from '../../i18n/labels';
import { formatDuration, formatKstDateTime } from '../../lib/format';

/** Search results: one row per recording, each opened by a named button (keyboard: Tab, Enter). */
export function RecordingsTable({
  rows,
  selectedId,
  onOpen,
}: {
  rows: readonly RecordingDto[];
  selectedId: string | null;
  onOpen: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return <p className="muted">{t('recordings.noResults')}</p>;
  return (
    <table className="table" aria-label={t('recordings.results')}>
      <caption className="muted small">{t('recordings.count', { count: rows.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('recordings.startedAt')}</th>
          <th scope="col">{t('recordings.counselor')}</th>
          <th scope="col">{t('recordings.queue')}</th>
          <th scope="col">{t('recordings.company')}</th>
          <th scope="col">{t('recordings.callerNumber')}</th>
          <th scope="col">{t('recordings.category')}</th>
          <th scope="col">{t('recordings.duration')}</th>
          <th scope="col">{t('recordings.score')}</th>
          <th scope="col">{t('recordings.hold')}</th>
          <th scope="col">
            <span className="sr-only">{t('recordings.open')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const when = r.startedAt ? formatKstDateTime(r.startedAt) : '—';
          const who = r.counselorName ?? r.agentId ?? '—';
          return (
            <tr key={r.id} data-recording={r.id} aria-selected={r.id === selectedId ? true : undefined}>
              <th scope="row">{when}</th>
              <td>{who}</td>
              <td>{r.queue ? queueLabel(r.queue as QueueId, i18n.language) : '—'}</td>
              <td>{r.companyName ?? '—'}</td>
              <td className="mono">{r.callerNumber ?? '—'}</td>
              <td>{r.category ? categoryLabel(r.category, i18n.language) : '—'}</td>
              <td className="mono">{r.durationMs !== null ? formatDuration(r.durationMs / 1000) : '—'}</td>
              <td>{r.reviewScore !== null ? r.reviewScore : '—'}</td>
              <td>{r.legalHold ? t('recordings.legalHold') : ''}</td>
              <td>
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={t('recordings.openLabel', { time: when, counselor: who })}
                  onClick={() => onOpen(r.id)}
                >
                  {t('recordings.open')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
