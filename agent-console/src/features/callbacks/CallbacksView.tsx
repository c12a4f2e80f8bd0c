import type { CallbackDto } from '@cc1357/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiClient } from '../../api';
import { queueLabel } from '../../i18n/labels';
import { PhoneNumber } from '../../app/PhoneNumber';
import { formatKstDateTime } from '../../lib/format';
import { useLoaded } from '../../lib/useLoaded';
import { CallbackForm } from './CallbackForm';

/** The callbacks still to do (being dialled or open), soonest due first. */
async function openCallbacks(api: ApiClient): Promise<CallbackDto[]> {
  const [open, dialing] = await Promise.all([api.callbacks({ status: 'open' }), api.callbacks({ status: 'dialing' })]);
  return [...dialing, ...open].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** Open callbacks by due time (overdue marked), and a form to book one. */
export function CallbacksView({ api, now = Date.now }: { api: ApiClient; now?: () => number }) {
  const { t, i18n } = useTranslation();
  const [tick, setTick] = useState(0);
  // A failed cancel stays on screen after the list reloads (until a cancel succeeds).
  const [cancelError, setCancelError] = useState<string | null>(null);
  const loaded = useLoaded(() => openCallbacks(api), [api, tick]);
  const list = loaded.value;
  const error = cancelError ?? loaded.error?.message ?? null;

  async function cancel(id: string) {
    try {
      await api.cancelCallback(id);
      setCancelError(null);
    } catch (e) {
      setCancelError(asApiError(e).message);
    }
    setTick((n) => n + 1);
  }

  const nowMs = now();
  return (
    <div className="wallboard" data-testid="callbacks-view">
      <div className="wallboard-head">
        <h2>{t('callbacks.title')}</h2>
      </div>
      <section className="panel" aria-labelledby="cb-new">
        <h3 id="cb-new">{t('callbacks.new')}</h3>
        <CallbackForm api={api} idPrefix="cbv" onBooked={() => setTick((n) => n + 1)} />
      </section>
      <section className="panel" aria-labelledby="cb-open">
        <h3 id="cb-open">{t('callbacks.open', { count: list?.length ?? 0 })}</h3>
        {error ? (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        ) : null}
        {list === null ? (
          <p className="muted" role="status">
            {t('common.loading')}
          </p>
        ) : list.length === 0 ? (
          <p className="muted">{t('callbacks.none')}</p>
        ) : (
          <table className="table" data-testid="callback-list">
            <thead>
              <tr>
                <th scope="col">{t('callbacks.due')}</th>
                <th scope="col">{t('callbacks.number')}</th>
                <th scope="col">{t('callbacks.queue')}</th>
                <th scope="col">{t('callbacks.note')}</th>
                <th scope="col">{t('callbacks.status')}</th>
                <th scope="col">
                  <span className="sr-only">{t('callbacks.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((cb) => {
                const overdue = Date.parse(cb.dueAt) < nowMs;
                return (
                  <tr key={cb.id} className={overdue ? 'row-hot' : undefined}>
                    <td>
                      {formatKstDateTime(cb.dueAt)}{' '}
                      {overdue ? <span className="tag tag-left">{t('callbacks.overdue')}</span> : null}
                    </td>
                    <td>
                      <PhoneNumber number={cb.number} />
                    </td>
                    <td>{queueLabel(cb.queue, i18n.language)}</td>
                    <td className="small">{cb.note ?? '–'}</td>
                    <td>{t(`callbacks.statuses.${cb.status}`)}</td>
                    <td>
                      {cb.status === 'open' ? (
                        <button type="button" className="btn btn-small" onClick={() => void cancel(cb.id)}>
                          {t('callbacks.cancel')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
