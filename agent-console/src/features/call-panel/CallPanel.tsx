import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionContext } from '../../actions';
import { ActionButton } from '../../app/ActionButton';
import { useNow } from '../../app/useNow';
import { queueLabel } from '../../i18n/labels';
import { PhoneNumber } from '../../app/PhoneNumber';
import { formatDuration, secondsSince } from '../../lib/format';
import { callerPathSteps } from './ivr-path';
import { heldSecondsAt, type DeskEvent } from '../desk/desk-state';
import { CallerPopView } from './CallerPopView';
import { browserStorage, draftKey, loadDraft } from '../consultation/draft-store';
import { ConsultBar, ConsultEndedNotice } from './ConsultBar';
import { TransferDialog } from './TransferDialog';
import { TransferReceived } from './TransferReceived';
import { RelayLauncher } from './RelayLauncher';
import type { ApiClient } from '../../api';

/** The call on desk: who is calling, from where in the IVR, the pop, and Answer / Hold / Mute / Hang up. */
export function CallPanel({
  ctx,
  dispatch,
  userId = null,
  api = null,
}: {
  ctx: ActionContext;
  dispatch: (event: DeskEvent) => void;
  /** Whose consultation draft a transfer carries (drafts are kept per user and call). */
  userId?: string | null;
  /** crm-api, for the relay to a partner center (its list and a closed partner's callback); none → no relay button. */
  api?: ApiClient | null;
}) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const { call, error, notice, transfer } = ctx.desk;
  const steps = call ? callerPathSteps(call.offer.ivrPath) : [];
  const queue = call ? queueLabel(call.offer.queue, i18n.language) : '';
  const panel = useRef<HTMLElement>(null);
  const ringingCallId = call?.phase === 'ringing' ? call.offer.callId : null;
  // A ringing call takes the focus only from nowhere (the page body): Enter then answers, and
  // a counselor typing elsewhere is never interrupted.
  useEffect(() => {
    if (!ringingCallId) return;
    const active = document.activeElement;
    if (active === null || active === document.body)
      panel.current?.querySelector<HTMLButtonElement>('[data-action=answer]')?.focus();
  }, [ringingCallId]);

  return (
    <section ref={panel} className="panel call-panel" aria-labelledby="call-title">
      <div className="panel-head">
        <h2 id="call-title">{t('call.panel')}</h2>
        {call ? (
          <span className={`phase phase-${call.phase}`} data-testid="call-phase" data-phase={call.phase}>
            {t(`call.${call.phase}`)}
          </span>
        ) : null}
      </div>

      {/* The ring is announced by features/ring (a live region outside the possibly hidden desk). */}
      {error ? (
        <div className="alert alert-error" role="alert" data-testid="command-error">
          <strong>{t('call.errorTitle')}</strong> {error.message} <code>{error.code}</code>
          <button type="button" className="btn btn-link" onClick={() => dispatch({ type: 'errorDismissed' })}>
            {t('call.dismiss')}
          </button>
        </div>
      ) : null}

      {!call ? (
        <div className="idle">
          {notice ? (
            <p className="alert alert-warn" role="status" data-testid="call-notice" data-notice={notice}>
              {t(`ring.notices.${notice}`)}
            </p>
          ) : null}
          <p className="muted">{t('call.idle')}</p>
        </div>
      ) : (
        <>
          <div className={`caller ${call.phase === 'ringing' ? 'caller-ringing' : ''}`}>
            <div className="caller-number" data-testid="caller-number">
              <PhoneNumber number={call.offer.callerNumber} withheldLabel={t('call.withheld')} />
            </div>
            <dl className="facts facts-inline">
              {call.offer.outbound ? (
                <div className="fact">
                  <dt>{t('call.direction')}</dt>
                  <dd data-testid="call-outbound">{t('call.outbound')}</dd>
                </div>
              ) : (
                <div className="fact">
                  <dt>{t('call.queue')}</dt>
                  <dd data-testid="call-queue">{queue}</dd>
                </div>
              )}
              <div className="fact">
                <dt>{t('call.waited')}</dt>
                <dd>{formatDuration(call.offer.waitedSeconds)}</dd>
              </div>
              {call.connectedAt ? (
                <div className="fact">
                  <dt>{t('call.talkTime')}</dt>
                  <dd className="timer" data-testid="talk-time">
                    {formatDuration(secondsSince(call.connectedAt, call.endedAt ? Date.parse(call.endedAt) : now))}
                  </dd>
                </div>
              ) : null}
              {call.controls.heldSince || call.controls.heldSeconds > 0 ? (
                <div className="fact">
                  <dt>{t('call.holdTime')}</dt>
                  {/* Every hold of the call, the running one ticking. */}
                  <dd className="timer" data-testid="hold-time" data-held={Boolean(call.controls.heldSince)}>
                    {formatDuration(heldSecondsAt(call.controls, now))}
                  </dd>
                </div>
              ) : null}
              {call.endReason ? (
                <div className="fact">
                  <dt>{t('call.ended')}</dt>
                  <dd>{t(`call.endReasons.${call.endReason}`)}</dd>
                </div>
              ) : null}
              <div className="fact fact-wide">
                <dt>{t('call.ivrPath')}</dt>
                {/* What the caller heard and pressed; the node ids stay in the tooltip for whoever maintains the flows. */}
                <dd title={call.offer.ivrPath.join(' › ')} data-testid="ivr-path">
                  {steps.length === 0 ? (
                    '–'
                  ) : (
                    <ol className="ivr-path">
                      {steps.map((step, i) => (
                        <li key={`${i}-${step}`}>{t(`ivrSteps.${step}`)}</li>
                      ))}
                    </ol>
                  )}
                </dd>
              </div>
            </dl>
            {/* Said once when it changes, and shown while it lasts. */}
            <div role="status" aria-live="polite" className="call-flags">
              {call.controls.heldSince ? (
                <p className="alert alert-warn" data-testid="on-hold">
                  {t('call.onHold')}
                </p>
              ) : null}
              {call.controls.muted ? (
                <p className="alert alert-warn" data-testid="muted">
                  {t('call.muted')}
                </p>
              ) : null}
              {call.controls.recordingPaused ? (
                <p className="alert alert-warn" data-testid="recording-paused">
                  {t('call.recordingPaused')}
                </p>
              ) : null}
              {call.monitoredBy ? (
                <p className="alert alert-info" data-testid="monitored" data-mode={call.monitoredBy}>
                  {t(`call.monitored.${call.monitoredBy}`)}
                </p>
              ) : null}
            </div>
            <div className="call-controls">
              <ActionButton id="answer" ctx={ctx} variant="primary" />
              {call.phase === 'connected' ? (
                <>
                  <ActionButton id="hold" ctx={ctx} />
                  <ActionButton id="mute" ctx={ctx} />
                  <ActionButton id="recordingPause" ctx={ctx} />
                  {ctx.commands.transfer ? <ActionButton id="transfer" ctx={ctx} /> : null}
                  {api ? <RelayLauncher ctx={ctx} api={api} call={call} userId={userId} /> : null}
                </>
              ) : null}
              <ActionButton id="hangup" ctx={ctx} variant="danger" />
              {call.phase === 'ended' ? (
                <button type="button" className="btn" onClick={() => dispatch({ type: 'callDismissed' })}>
                  {t('call.close')}
                </button>
              ) : null}
            </div>
          </div>
          {transfer && call.phase === 'connected' && ctx.commands.transfer ? (
            <TransferDialog
              transfer={transfer}
              draft={userId ? (loadDraft(browserStorage(), draftKey(userId, transfer.callId))?.draft ?? null) : null}
              busy={ctx.desk.pending !== null}
              onSubmit={(command) => void ctx.commands.transfer?.(command)}
              onClose={() => dispatch({ type: 'transferClosed' })}
            />
          ) : null}
          {ctx.desk.consult?.consult && call.phase === 'connected' && ctx.commands.consult ? (
            <ConsultBar
              consult={ctx.desk.consult.consult}
              busy={ctx.desk.pending !== null}
              onCommand={(what) => void ctx.commands.consult?.(call.offer.callId, what)}
            />
          ) : null}
          {ctx.desk.consultEnded && !ctx.desk.consult && call.phase === 'connected' ? (
            <ConsultEndedNotice ended={ctx.desk.consultEnded} />
          ) : null}
          {call.offer.transfer ? <TransferReceived transfer={call.offer.transfer} /> : null}
          <CallerPopView
            call={call}
            onSelectCompany={(companyId) => dispatch({ type: 'companySelected', companyId })}
          />
        </>
      )}
    </section>
  );
}
