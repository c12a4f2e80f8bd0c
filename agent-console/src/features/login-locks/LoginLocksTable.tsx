import type { LoginLockDto } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { formatKstDateTime } from '../../lib/format';

/** One lock's identity: its kind and key (`account:kim`, `address:10.0.0.1`). */
export const lockId = (lock: Pick<LoginLockDto, 'kind' | 'key'>) => `${lock.kind}:${lock.key}`;

/** The current locks, one row each with its 잠금 해제 button; an empty list says so. */
export function LoginLocksTable({
  locks,
  lifting,
  onLift,
}: {
  locks: LoginLockDto[];
  lifting: string | null;
  onLift: (lock: LoginLockDto) => void;
}) {
  const { t } = useTranslation();
  if (locks.length === 0)
    return (
      <p className="muted" data-testid="login-locks-empty">
        {t('loginLocks.none')}
      </p>
    );
  return (
    <table className="table" data-testid="login-locks">
      <thead>
        <tr>
          <th scope="col">{t('loginLocks.kind')}</th>
          <th scope="col">{t('loginLocks.key')}</th>
          <th scope="col">{t('loginLocks.since')}</th>
          <th scope="col">{t('loginLocks.until')}</th>
          <th scope="col" className="num">
            {t('loginLocks.attempts')}
          </th>
          <th scope="col">
            <span className="sr-only">{t('loginLocks.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {locks.map((lock) => {
          const id = lockId(lock);
          const kind = t(`loginLocks.kinds.${lock.kind}`);
          return (
            <tr key={id} data-lock={id}>
              <td>{kind}</td>
              <th scope="row">{lock.key}</th>
              <td>
                <time dateTime={lock.lockedSince}>{formatKstDateTime(lock.lockedSince)}</time>
              </td>
              <td>
                <time dateTime={lock.lockedUntil}>{formatKstDateTime(lock.lockedUntil)}</time>
              </td>
              <td className="num">{lock.attempts}</td>
              <td>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={lifting !== null}
                  aria-label={t('loginLocks.liftLabel', { kind, key: lock.key })}
                  onClick={() => onLift(lock)}
                >
                  {lifting === id ? t('loginLocks.lifting') : t('loginLocks.lift')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
