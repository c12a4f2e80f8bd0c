import type { LoginLockDto } from '@cc1357/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiClient } from '../../api';
import { useLoaded } from '../../lib/useLoaded';
import { lockId, LoginLocksTable } from './LoginLocksTable';

type Feedback = { kind: 'lifted'; lock: LoginLockDto } | { kind: 'failed'; message: string };

/**
 * The admin's list of accounts and addresses locked out after too many login attempts, with a
 * button to lift each (issue 14). Loaded on open and on 새로 고침; a lock lifted elsewhere or run
 * out shows as gone on the next load.
 */
export function LoginLocksView({ api }: { api: ApiClient }) {
  const { t } = useTranslation();
  const [tick, setTick] = useState(0);
  const [lifting, setLifting] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const feedbackRef = useRef<HTMLParagraphElement>(null);
  const loaded = useLoaded(() => api.loginLocks(), [api, tick]);

  async function lift(lock: LoginLockDto) {
    setLifting(lockId(lock));
    try {
      await api.liftLoginLock(lock.kind, lock.key);
      setFeedback({ kind: 'lifted', lock });
    } catch (e) {
      setFeedback({ kind: 'failed', message: asApiError(e).message });
    }
    setLifting(null);
    setTick((n) => n + 1);
  }

  // The row's button goes with its row: keep the keyboard user's place on the message instead.
  useEffect(() => feedbackRef.current?.focus(), [feedback]);

  const locks = loaded.value;
  return (
    <div className="wallboard" data-testid="login-locks-view">
      <div className="wallboard-head">
        <h2>{t('loginLocks.title')}</h2>
        <button
          type="button"
          className="btn"
          onClick={() => (setFeedback(null), setTick((n) => n + 1))}
          data-testid="login-locks-refresh"
        >
          {t('loginLocks.refresh')}
        </button>
      </div>
      <section className="panel" aria-labelledby="login-locks-list">
        <h3 id="login-locks-list">{t('loginLocks.list', { count: locks?.length ?? 0 })}</h3>
        <p className="muted small">{t('loginLocks.intro')}</p>
        <div aria-live="polite">
          {feedback?.kind === 'lifted' ? (
            <p ref={feedbackRef} tabIndex={-1} className="alert alert-ok" role="status" data-testid="login-lock-lifted">
              {t('loginLocks.lifted', { kind: t(`loginLocks.kinds.${feedback.lock.kind}`), key: feedback.lock.key })}
            </p>
          ) : null}
        </div>
        {feedback?.kind === 'failed' ? (
          <p ref={feedbackRef} tabIndex={-1} className="alert alert-error" role="alert">
            {t('loginLocks.failed', { message: feedback.message })}
          </p>
        ) : null}
        {loaded.error ? (
          <p className="alert alert-error" role="alert">
            {loaded.error.message}
          </p>
        ) : null}
        {locks === null ? (
          loaded.error ? null : (
            <p className="muted" role="status">
              {t('common.loading')}
            </p>
          )
        ) : (
          <LoginLocksTable locks={locks} lifting={lifting} onLift={(lock) => void lift(lock)} />
        )}
      </section>
    </div>
  );
}
