import type { CounselorReviewSummary, RecordingStorageSummary } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { formatBytes } from './recordings-model';

/** Storage use, what is kept and on hold, and what retention deletes soon (supervisors). */
export function StorageSummary({ storage }: { storage: RecordingStorageSummary }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="recordings-storage-title" data-testid="recordings-storage">
      <h3 id="recordings-storage-title">{t('recordings.storage')}</h3>
      <p>{t('recordings.storageUse', { files: storage.files, size: formatBytes(storage.bytes) })}</p>
      <p>
        {t('recordings.storageStored', {
          stored: storage.stored,
          held: storage.onLegalHold,
          days: storage.retentionDays,
        })}
      </p>
      <p>
        {t('recordings.storageExpiring', {
          days: storage.expiring.days,
          count: storage.expiring.count,
          size: formatBytes(storage.expiring.bytes),
        })}
      </p>
    </section>
  );
}

/** Review scores per counselor (0–100). */
export function ReviewSummaryTable({ rows }: { rows: readonly CounselorReviewSummary[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="review-summary-title">
      <h3 id="review-summary-title">{t('recordings.summaryTitle')}</h3>
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">{t('recordings.counselor')}</th>
            <th scope="col" className="num">
              {t('recordings.reviewsCount')}
            </th>
            <th scope="col" className="num">
              {t('recordings.average')}
            </th>
            <th scope="col" className="num">
              {t('recordings.lowest')}
            </th>
            <th scope="col" className="num">
              {t('recordings.highest')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.agentId ?? '-'}>
              <th scope="row">{r.counselorName ?? r.agentId ?? '—'}</th>
              <td className="num">{r.reviews}</td>
              <td className="num">{r.average}</td>
              <td className="num">{r.lowest}</td>
              <td className="num">{r.highest}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
