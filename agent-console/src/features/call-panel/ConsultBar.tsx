import type { CallConsultV1 } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';

/**
 * The consult of an attended transfer, for the first counselor: whom they are talking to, and
 * Complete (the target takes the caller), Swap (between the caller and the target) and Cancel
 * (back to the caller). Complete and Swap wait until the target has answered.
 */
export function ConsultBar({
  consult,
  busy,
  onCommand,
}: {
  consult: NonNullable<CallConsultV1['consult']>;
  busy: boolean;
  onCommand: (what: 'complete' | 'cancel' | 'swap') => void;
}) {
  const { t } = useTranslation();
  const talking = consult.phase === 'talking';
  const status =
    consult.phase === 'ringing'
      ? 'call.transfer.consultRinging'
      : consult.with === 'target'
        ? 'call.transfer.consultTarget'
        : 'call.transfer.consultCaller';
  return (
    <div className="consult-bar" data-testid="consult-bar" data-phase={consult.phase} data-with={consult.with}>
      <p className="alert alert-warn" role="status" aria-live="polite">
        {t(status, { agent: consult.agentId })}
      </p>
      <div className="call-controls">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || !talking}
          onClick={() => onCommand('complete')}
        >
          {t('call.transfer.complete')}
        </button>
        <button type="button" className="btn" disabled={busy || !talking} onClick={() => onCommand('swap')}>
          {t('call.transfer.swap')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => onCommand('cancel')}>
          {t('call.transfer.cancelConsult')}
        </button>
      </div>
    </div>
  );
}
