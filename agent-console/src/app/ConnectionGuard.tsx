import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatKstDateTime } from '../lib/format';
import { useConnectionStatus, useRealtime, type ConnectionStatus } from '../realtime';

/**
 * Says so when the phone server is unreachable, in plain words: what is happening and what
 * still works (the call and state buttons are off meanwhile, see ActionContext.online); the
 * technical reason stays out of the sentence (in the title, for whoever looks into it). Sends
 * the user back to the login when the gateway refuses the token. When another window or PC of
 * the same counselor took the session over, says that instead, with a button to take it back.
 */
export function ConnectionGuard({ onUnauthorized }: { onUnauthorized: () => void }) {
  const status = useConnectionStatus();
  const realtime = useRealtime();
  useEffect(() => {
    if (status.unauthorized) onUnauthorized();
  }, [status.unauthorized, onUnauthorized]);
  return <ConnectionBanner status={status} onTakeBack={() => realtime.reconnect()} />;
}

/** The banner itself, from a status (rendered on its own by the tests). */
export function ConnectionBanner({ status, onTakeBack }: { status: ConnectionStatus; onTakeBack?: () => void }) {
  const { t } = useTranslation();
  const hintId = useId();
  if (status.state === 'disconnected' && status.replaced) {
    const { device, at } = status.replaced;
    return (
      <div className="alert alert-info banner" role="alert" data-testid="session-replaced">
        <strong>{t('connection.replacedTitle')}</strong> {t('connection.replacedBody')}{' '}
        <span className="muted">
          {t('connection.replacedWhen', {
            device: device ?? t('connection.replacedUnknownDevice'),
            time: formatKstDateTime(at),
          })}
        </span>{' '}
        {onTakeBack ? (
          <>
            <button type="button" className="btn" onClick={onTakeBack} aria-describedby={hintId}>
              {t('connection.takeBack')}
            </button>{' '}
            <span id={hintId} className="muted">
              {t('connection.takeBackHint')}
            </span>
          </>
        ) : null}
      </div>
    );
  }
  if (status.state === 'connected' || (!status.error && status.state !== 'disconnected')) return null;
  return (
    <div
      className="alert alert-error banner"
      role="alert"
      data-testid="connection-lost"
      title={status.error ?? undefined}
    >
      <strong>{t('connection.lostTitle')}</strong> {t('connection.lostBody')}
    </div>
  );
}
