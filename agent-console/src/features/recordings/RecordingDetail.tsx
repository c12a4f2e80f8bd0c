import type { RecordingDetail as Detail, RecordingPause, ReviewCriterionDto, Role } from '@cc1357/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiClient } from '../../api';
import { categoryLabel } from '../../i18n/labels';
import { formatKstDateTime } from '../../lib/format';
import { useLoaded } from '../../lib/useLoaded';
import { RecordingPlayer } from './RecordingPlayer';
import { ReviewForm } from './ReviewForm';

const NO_PAUSES: RecordingPause[] = [];

/**
 * One recording: the player (a signed URL asked for when it opens: crm-api audits it), the
 * consultation beside it, and for supervisors the legal hold and the review form.
 */
export function RecordingDetailPanel({
  api,
  id,
  role,
  criteria,
  onChanged,
  onClose,
}: {
  api: ApiClient;
  id: string;
  role: Role;
  /** The review criteria (supervisors; the screen loads them and reloads them after an edit). */
  criteria: readonly ReviewCriterionDto[] | null;
  onChanged: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [tick, setTick] = useState(0);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const detail = useLoaded(() => api.recording(id), [api, id, tick]);
  const url = useLoaded(() => api.recordingUrl(id, 'inline'), [api, id]);
  const supervises = role === 'supervisor' || role === 'admin';

  async function act(run: () => Promise<string>) {
    setBusy(true);
    try {
      setMessage({ ok: true, text: await run() });
      setTick((n) => n + 1);
      onChanged();
    } catch (e) {
      setMessage({ ok: false, text: t('recordings.failed', { message: asApiError(e).message }) });
    }
    setBusy(false);
  }
  const download = () =>
    void api.recordingUrl(id, 'attachment').then(
      (u) => window.location.assign(u.url),
      (e: unknown) => setMessage({ ok: false, text: t('recordings.failed', { message: asApiError(e).message }) }),
    );

  const d = detail.value;
  return (
    <section className="panel recording-detail" aria-labelledby="recording-detail-title" data-testid="recording-detail">
      <div className="wallboard-head">
        <h3 id="recording-detail-title">
          {d?.startedAt ? formatKstDateTime(d.startedAt) : '…'} · {d?.counselorName ?? d?.agentId ?? ''}
        </h3>
        <button type="button" className="btn" onClick={onClose}>
          {t('recordings.close')}
        </button>
      </div>
      {detail.error || url.error ? (
        <p className="alert alert-error" role="alert">
          {(detail.error ?? url.error)!.message}
        </p>
      ) : null}
      {message ? (
        <p className={message.ok ? 'alert alert-ok' : 'alert alert-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      <div className="recording-columns">
        <div>
          {url.value ? (
            <RecordingPlayer
              url={new URL(url.value.url, window.location.href).href}
              onDownload={download}
              pauses={d?.pauses ?? NO_PAUSES}
            />
          ) : (
            <p className="muted" role="status">
              {t('recordings.loadingAudio')}
            </p>
          )}
          {d ? (
            <HoldAndExpiry
              detail={d}
              supervises={supervises}
              busy={busy}
              onHold={(hold) =>
                void act(async () => {
                  await api.setLegalHold(id, hold);
                  return hold ? t('recordings.legalHoldOn') : t('recordings.legalHoldRelease');
                })
              }
            />
          ) : null}
        </div>
        {d ? <ConsultationBeside detail={d} /> : null}
      </div>
      {d ? (
        <section aria-labelledby="recording-reviews-title">
          <h3 id="recording-reviews-title">{t('recordings.reviews')}</h3>
          {d.reviews.length === 0 ? (
            <p className="muted">{t('recordings.noReviews')}</p>
          ) : (
            <ul>
              {d.reviews.map((r) => (
                <li key={r.id}>
                  {t('recordings.reviewBy', { name: r.reviewerName, total: r.total })}
                  {r.comment ? ` — ${r.comment}` : ''}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {supervises && criteria ? (
        <ReviewForm
          // A changed set of criteria starts the form afresh (its scores are keyed by criterion).
          key={`${id}:${criteria.map((c) => `${c.id}/${c.maxScore}/${c.active}`).join(',')}`}
          criteria={criteria}
          busy={busy}
          onSubmit={(review) =>
            void act(async () => t('recordings.reviewSaved', { total: (await api.saveReview(id, review)).total }))
          }
        />
      ) : null}
    </section>
  );
}

function HoldAndExpiry({
  detail,
  supervises,
  busy,
  onHold,
}: {
  detail: Detail;
  supervises: boolean;
  busy: boolean;
  onHold: (hold: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <p className="small">
      {detail.legalHold
        ? t('recordings.legalHoldOn')
        : detail.expiresAt
          ? t('recordings.expiresAt', { date: formatKstDateTime(detail.expiresAt) })
          : null}{' '}
      {supervises ? (
        <button
          type="button"
          className="btn btn-small"
          aria-pressed={detail.legalHold}
          disabled={busy}
          onClick={() => onHold(!detail.legalHold)}
        >
          {detail.legalHold ? t('recordings.legalHoldRelease') : t('recordings.legalHoldSet')}
        </button>
      ) : null}
    </p>
  );
}

/** The consultation written for the call, shown next to the audio. */
export function ConsultationBeside({ detail }: { detail: Detail }) {
  const { t, i18n } = useTranslation();
  const c = detail.consultation;
  return (
    <section className="panel" aria-labelledby="recording-consultation-title">
      <h3 id="recording-consultation-title">{t('recordings.consultation')}</h3>
      {c ? (
        <dl className="facts">
          <dt>{t('recordings.company')}</dt>
          <dd>{detail.companyName ?? '—'}</dd>
          <dt>{t('recordings.category')}</dt>
          <dd>
            {categoryLabel(c.category, i18n.language)}
            {c.subCategory ? ` · ${c.subCategory}` : ''}
          </dd>
          <dt>{t('recordings.summary')}</dt>
          <dd>{c.summary}</dd>
          <dt>{t('recordings.outcome')}</dt>
          <dd>{t(`outcomes.${c.outcome}`, { defaultValue: c.outcome })}</dd>
          {c.followUp ? (
            <>
              <dt>{t('recordings.followUp')}</dt>
              <dd>{c.followUp}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="muted">{t('recordings.noConsultation')}</p>
      )}
    </section>
  );
}
