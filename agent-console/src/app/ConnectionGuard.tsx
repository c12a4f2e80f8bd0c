import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnectionStatus, type ConnectionStatus } from '../realtime';

/**
 * Says so when the phone server is unreachable, in plain words: what is happening and what
 * still works (the call and state buttons are off meanwhile, see ActionContext.online); the
 * technical reason stays out of the sentence (in the title, for whoever looks into it). Sends
 * the user back to the login when the gateway refuses the token.
 */
export function ConnectionGuard({ onUnauthorized }: { onUnauthorized: () => void }) {
  const status = useConnectionStatus();
  useEffect(() => {
    if (status.unauthorized) onUnauthorized();
  }, [status.unauthorized, onUnauthorized]);
  return <ConnectionBanner status={status} />;
}

/** The banner itself, from a status (rendered on its own by the tests). */
export function ConnectionBanner({ status }: { status: ConnectionStatus }) {
  const { t } = useTranslation();
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
