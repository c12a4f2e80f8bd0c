import { PARTNERS, type RelayDto, type RelayOutcomeRequest, type Role } from '@cc1357/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiClient } from '../../api';
import { formatKstDateTime, kstDate } from '../../lib/format';
import { useLoaded } from '../../lib/useLoaded';
import { DeadLettersTable } from './DeadLettersTable';
import { OutcomeForm } from './OutcomeForm';
import { RelayRatePanel } from './RelayRatePanel';

type Feedback = { ok: boolean; message: string } | null;

/**
 * 이관 (issue 12 §3). Supervisors and admins see the relay packages no partner system took
 * (dead letters) and send them again; partner users see the relays addressed to their center
 * and answer each with the outcome form (crm-api shows a partner only its own center's).
 */
export function RelaysView({ api, role }: { api: ApiClient; role: Role }) {
  return role === 'partner' ? <PartnerRelays api={api} /> : <DeadLetters api={api} />;
}

function DeadLetters({ api }: { api: ApiClient }) {
  const { t } = useTranslation();
  const [tick, setTick] = useState(0);
  const [retrying, setRetrying] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const loaded = useLoaded(() => api.relayDeadLetters(), [api, tick]);
  const rate = useLoaded(() => api.relayStats(kstDate(Date.now())), [api, tick]);
  async function retry(relay: RelayDto) {
    setRetrying(relay.id);
    try {
      await api.redeliverRelay(relay.id);
      setFeedback({ ok: true, message: t('relays.retried', { id: relay.id }) });
    } catch (e) {
      setFeedback({ ok: false, message: t('relays.failed', { message: asApiError(e).message }) });
    }
    setRetrying(null);
    setTick((n) => n + 1);
  }
  return (
    <div className="wallboard" data-testid="dead-letters-view">
      <div className="wallboard-head">
        <h2>{t('relays.deadLettersTitle')}</h2>
        <button type="button" className="btn" onClick={() => (setFeedback(null), setTick((n) => n + 1))}>
          {t('relays.refresh')}
        </button>
      </div>
      {rate.value ? <RelayRatePanel stats={rate.value} /> : null}
      <section className="panel">
        <p className="muted small">{t('relays.deadLettersIntro')}</p>
        <Feedback feedback={feedback} />
        {loaded.error ? (
          <p className="alert alert-error" role="alert">
            {loaded.error.message}
          </p>
        ) : null}
        {loaded.value === null ? (
          <p className="muted" role="status">
            {t('common.loading')}
          </p>
        ) : (
          <DeadLettersTable relays={loaded.value} retrying={retrying} onRetry={(r) => void retry(r)} />
        )}
      </section>
    </div>
  );
}

const FINAL = new Set(['answered', 'closed', 'failed']);

function PartnerRelays({ api }: { api: ApiClient }) {
  const { t, i18n } = useTranslation();
  const [tick, setTick] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const loaded = useLoaded(() => api.relays(), [api, tick]);
  async function answer(relay: RelayDto, req: RelayOutcomeRequest) {
    setBusy(relay.id);
    try {
      await api.postRelayOutcome(relay.id, req);
      setFeedback({ ok: true, message: t('relays.outcomeSaved', { id: relay.id }) });
    } catch (e) {
      setFeedback({ ok: false, message: t('relays.failed', { message: asApiError(e).message }) });
    }
    setBusy(null);
    setTick((n) => n + 1);
  }
  return (
    <div className="wallboard" data-testid="partner-relays-view">
      <div className="wallboard-head">
        <h2>{t('relays.partnerTitle')}</h2>
        <button type="button" className="btn" onClick={() => (setFeedback(null), setTick((n) => n + 1))}>
          {t('relays.refresh')}
        </button>
      </div>
      <Feedback feedback={feedback} />
      {loaded.value === null ? (
        <p className="muted" role="status">
          {loaded.error ? loaded.error.message : t('common.loading')}
        </p>
      ) : loaded.value.length === 0 ? (
        <p className="muted">{t('relays.noRelays')}</p>
      ) : (
        loaded.value.map((r) => (
          <section key={r.id} className="panel" data-relay={r.id} aria-labelledby={`relay-${r.id}`}>
            <h3 id={`relay-${r.id}`}>
              #{r.id} · {i18n.language === 'en' ? PARTNERS[r.partnerId].nameEn : PARTNERS[r.partnerId].nameKo} ·{' '}
              <span className="tag">{t(`relayStatus.${r.status}`)}</span>
            </h3>
            <dl className="facts">
              <dt>{t('relays.question')}</dt>
              <dd>{r.question}</dd>
              <dt>{t('relays.context')}</dt>
              <dd>{r.context || '—'}</dd>
              <dt>{t('relays.company')}</dt>
              <dd>{r.companyName ?? '—'}</dd>
              <dt>{t('relays.caller')}</dt>
              <dd>{r.callerNumber ?? '—'}</dd>
              {r.callbackNumber ? (
                <>
                  <dt>{t('relays.callbackNumber')}</dt>
                  <dd data-testid="callback-number">{r.callbackNumber}</dd>
                </>
              ) : null}
              <dt>{t('relays.createdAt')}</dt>
              <dd>{formatKstDateTime(r.createdAt)}</dd>
              {r.outcome ? (
                <>
                  <dt>{t('relays.outcome')}</dt>
                  <dd>{r.outcome}</dd>
                </>
              ) : null}
            </dl>
            {FINAL.has(r.status) ? null : (
              <OutcomeForm relay={r} busy={busy !== null} onSubmit={(req) => void answer(r, req)} />
            )}
          </section>
        ))
      )}
    </div>
  );
}

function Feedback({ feedback }: { feedback: Feedback }) {
  if (!feedback) return null;
  return (
    <p className={`alert ${feedback.ok ? 'alert-ok' : 'alert-error'}`} role={feedback.ok ? 'status' : 'alert'}>
      {feedback.message}
    </p>
  );
}
