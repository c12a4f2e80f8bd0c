import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionContext } from '../../actions';
import { ActionButton } from '../../app/ActionButton';
import { useNow } from '../../app/useNow';
import { queueLabel } from '../../i18n/labels';
import { formatDuration, formatPhone, secondsSince } from '../../lib/format';
import type { DeskEvent } from '../desk/desk-state';
import { CallerPopView } from './CallerPopView';

/** The call on desk: who is calling, from where in the IVR, the pop, and Answer / Hang up. */
export function CallPanel({ ctx, dispatch }: { ctx: ActionContext; dispatch: (event: DeskEvent) => void }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const { call, error, notice } = ctx.desk;
  const number = call ? formatPhone(call.offer.callerNumber, t('call.withheld')) : '';
  const queue = call ? queueLabel(call.offer.queue, i18n.language) : '';
  const panel = useRef<HTMLElement>(null);
  const ringingCallId = call?.phase === 'ringing' ? call.offer.callId : null;
  // A ringing call takes the focus only from nowhere (the page body): Enter then answers, and
  // a counselor typing elsewhere is never interrupted.
  useEffect(() => {
    if (!ringingCallId) return;
    const active = document.activeElement;
    if (active === null || active === document.body) panel.current?.querySelector<HTMLButtonElement>('[data-action=answer]')?.focus();
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

      {/* Announced by screen readers the moment the phone rings. */}
      <div className="sr-only" aria-live="assertive" role="status">
        {call?.phase === 'ringing' ? t('call.incoming', { number, queue }) : ''}
      </div>

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
          {notice === 'callMissed' ? <p className="alert alert-warn" role="status">{t('call.missed')}</p> : null}
          <p className="muted">{t('call.idle')}</p>
        </div>
      ) : (
        <>
          <div className={`caller ${call.phase === 'ringing' ? 'caller-ringing' : ''}`}>
            <div className="caller-number" data-testid="caller-number">{number}</div>
            <dl className="facts facts-inline">
              <div className="fact">
                <dt>{t('call.queue')}</dt>
                <dd data-testid="call-queue">{queue}</dd>
              </div>
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
              {call.endReason ? (
                <div className="fact">
                  <dt>{t('call.ended')}</dt>
                  <dd>{t(`call.endReasons.${call.endReason}`)}</dd>
                </div>
              ) : null}
              <div className="fact fact-wide">
                <dt>{t('call.ivrPath')}</dt>
                <dd>
                  {call.offer.ivrPath.length === 0 ? '–' : (
                    <ol className="ivr-path">
                      {call.offer.ivrPath.map((node, i) => (
                        <li key={`${i}-${node}`}>{node}</li>
                      ))}
                    </ol>
                  )}
                </dd>
              </div>
            </dl>
            <div className="call-controls">
              <ActionButton id="answer" ctx={ctx} variant="primary" />
              <ActionButton id="hangup" ctx={ctx} variant="danger" />
              {call.phase === 'ended' ? (
                <button type="button" className="btn" onClick={() => dispatch({ type: 'callDismissed' })}>
                  {t('call.close')}
                </button>
              ) : null}
            </div>
          </div>
          <CallerPopView call={call} onSelectCompany={(companyId) => dispatch({ type: 'companySelected', companyId })} />
        </>
      )}
    </section>
  );
}
