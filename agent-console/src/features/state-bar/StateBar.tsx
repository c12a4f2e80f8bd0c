import { NOT_READY_REASONS, type NotReadyReason, type PhoneStateV1 } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import type { ActionContext } from '../../actions';
import { ActionButton } from '../../app/ActionButton';
import { useNow } from '../../app/useNow';
import { formatDuration, secondsSince } from '../../lib/format';

/**
 * The agent's current state with its timer, and the Ready / Not ready controls; a warning when
 * the desk phone is not registered (`phone`: as the AMI watcher last reported it, if at all).
 */
export function StateBar({
  ctx,
  onReasonChange,
  phone = null,
}: {
  ctx: ActionContext;
  onReasonChange: (reason: NotReadyReason) => void;
  phone?: PhoneStateV1 | null;
}) {
  const { t } = useTranslation();
  const now = useNow();
  const agent = ctx.desk.agent;
  // telephony's deadline when it sent one; none while wrap-up waits for the write-up (features/wrap-up).
  const wrapUpUntil = agent?.wrapUpHeld ? null : (agent?.wrapUpUntil ?? ctx.desk.call?.wrapUpUntil ?? null);
  return (
    <section className="state-bar" aria-label={t('stateBar.label')}>
      <div className="state-now">
        <span className="muted">{t('stateBar.current')}</span>
        {agent ? (
          <>
            <span className={`state-badge state-${agent.state}`} data-testid="agent-state" data-state={agent.state}>
              {t(`agentStates.${agent.state}`)}
              {agent.state === 'notReady' && agent.reason ? ` · ${t(`reasons.${agent.reason}`)}` : ''}
            </span>
            <span className="timer" aria-label={t('stateBar.elapsed')}>
              {formatDuration(secondsSince(agent.since, now))}
            </span>
            {agent.state === 'wrapUp' && wrapUpUntil ? (
              <span className="muted" data-testid="wrap-up-left">
                {t('stateBar.wrapUpLeft', {
                  time: formatDuration(secondsSince(new Date(now).toISOString(), Date.parse(wrapUpUntil))),
                })}
              </span>
            ) : null}
          </>
        ) : (
          <span className="state-badge state-offline" data-testid="agent-state" data-state="unknown">
            {t('stateBar.unknown')}
          </span>
        )}
      </div>
      {phone && phone.registration !== 'registered' ? (
        <p className="phone-warning" role="alert" data-testid="phone-warning" data-registration={phone.registration}>
          {t(phone.registration === 'unregistered' ? 'stateBar.phoneUnregistered' : 'stateBar.phoneUnreachable')}
        </p>
      ) : null}
      <div className="state-controls">
        <ActionButton id="ready" ctx={ctx} variant="primary" />
        <label className="inline-field">
          <span>{t('stateBar.reason')}</span>
          <select value={ctx.notReadyReason} onChange={(e) => onReasonChange(e.target.value as NotReadyReason)}>
            {NOT_READY_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`reasons.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <ActionButton id="notReady" ctx={ctx} />
      </div>
    </section>
  );
}
