import type { AgentSupervisedV1, QueueId } from '@cc1357/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queueLabel } from '../../i18n/labels';
import { useRealtimeEvent } from '../../realtime';

/**
 * On the counselor's console: what a supervisor just did to them (forced Not ready, logged out,
 * changed skills), until they dismiss it. A status message: it tells, it does not interrupt.
 */
export function SupervisedNotice() {
  const [notice, setNotice] = useState<AgentSupervisedV1 | null>(null);
  useRealtimeEvent('agent.supervised.v1', setNotice);
  return <SupervisedNoticeView notice={notice} onDismiss={() => setNotice(null)} />;
}

export function SupervisedNoticeView({
  notice,
  onDismiss,
}: {
  notice: AgentSupervisedV1 | null;
  onDismiss: () => void;
}) {
  const { t, i18n } = useTranslation();
  const text = (n: AgentSupervisedV1) => {
    switch (n.action) {
      case 'notReady':
        return t('supervised.notReady', { by: n.by, reason: n.reason ? t(`reasons.${n.reason}`) : '' });
      case 'logout':
        return t('supervised.logout', { by: n.by });
      case 'skills':
        return t('supervised.skills', {
          by: n.by,
          skills: (n.skills ?? []).map((s) => queueLabel(s as QueueId, i18n.language)).join(', ') || '–',
        });
    }
  };
  return (
    <div role="status" aria-live="polite" data-testid="supervised-notice">
      {notice ? (
        <p className="alert alert-warn" data-action={notice.action}>
          {text(notice)}{' '}
          <button type="button" className="btn" onClick={onDismiss}>
            {t('supervised.dismiss')}
          </button>
        </p>
      ) : null}
    </div>
  );
}
