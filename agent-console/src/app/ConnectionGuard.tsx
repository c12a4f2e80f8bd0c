import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnectionStatus } from '../realtime';

/**
 * Says so when the phone server is unreachable (call controls would fail), and sends the user
 * back to the login when the gateway refuses the token.
 */
export function ConnectionGuard({ onUnauthorized }: { onUnauthorized: () => void }) {
  const { t } = useTranslation();
  const status = useConnectionStatus();
  useEffect(() => {
    if (status.unauthorized) onUnauthorized();
  }, [status.unauthorized, onUnauthorized]);
  if (status.state === 'connected' || !status.error) return null;
  return (
    <div className="alert alert-error banner" role="alert" data-testid="connection-lost">
      {t('connection.lost', { error: status.error })}
    </div>
  );
}
