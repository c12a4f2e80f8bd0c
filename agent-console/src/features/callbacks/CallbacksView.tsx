import type { CallbackActionRequest, CallbackDto, CallDialCommandV1, CommandAck } from '@cc1357/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiClient } from '../../api';
import { queueLabel } from '../../i18n/labels';
import { PhoneNumber } from '../../app/PhoneNumber';
import { formatKstDateTime } from '../../lib/format';
import { useLoaded } from '../../lib/useLoaded';
import { CallbackActions } from './CallbackActions';
import { CallbackForm } from './CallbackForm';
import { dialCallback } from './callback-actions';

/** The callbacks still to do (being dialled or open), soonest due first. */
async function openCallbacks(api: ApiClient): Promise<CallbackDto[]> {
  const [open, dialing] = await Promise.all([api.callbacks({ status: 'open' }), api.callbacks({ status: 'dialing' })]);
  return [...dialing, ...open].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

export interface CallbacksViewProps {
  api: ApiClient;
  now?: () => number;
  /** Who is looking: their own and unowned callbacks get the buttons (issue 12 §4). */
  me?: { username: string; role: string };
  /** Places a call through telephony (`call.dial.v1`); absent, no dial button is offered. */
  dial?: (command: CallDialCommandV1) => Promise<CommandAck>;
  /** After a call was placed: the desk shows the ringing call. */
  onDialed?: () => void;
}

/** Open callbacks by due time (overdue marked), with their owner and steps, and a form to book one. */
export function CallbacksView({ api, now = Date.now, me, dial, onDialed }: CallbacksViewProps) {
  const { t, i18n } = useTranslation();
  const [tick, setTick] = useState(0);
  // A failed cancel stays on screen after the list reloads (until a cancel succeeds).
  const [cancelError, setCancelError] = useState<string | null>(null);
  const loaded = useLoaded(() => openCallbacks(api), [api, tick]);
  const list = loaded.value;
  const error = cancelError ?? loaded.error?.message ?? null;

  // The callback a step runs for: its buttons wait, so a double click acts once.
  const [busyId, setBusyId] = useState<string | null>(null);

  async function step(cb: CallbackDto, run: () => Promise<string | null>) {
    if (busyId) return;
    setBusyId(cb.id);
    const failure = await run();
    setCancelError(failure);
    setBusyId(null);
    setTick((n) => n + 1);
  }
  const act = (cb: CallbackDto, body: CallbackActionRequest) =>
    step(cb, async () => {
      try {
        await api.callbackAction(cb.id, body);
        return null;
      } catch (e) {
        return asApiError(e).message;
      }
    });
  const dialOne = (cb: CallbackDto) =>
    step(cb, async () => {
      if (!dial) return null;
      const result = await dialCallback({ act: (id, body) => api.callbackAction(id, body), dial }, cb);
      if (result.ok) onDialed?.();
      return result.ok ? null : result.message;
    });

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
                <th scope="col">{t('callbacks.owner')}</th>
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
                    <td>
                      {t(`callbacks.statuses.${cb.status}`)}
                      {cb.lastOutcome ? (
                        <span className="small muted"> · {t(`callbacks.outcomes.${cb.lastOutcome}`)}</span>
                      ) : null}
                      {cb.attempts ? (
                        <span className="small muted"> · {t('callbacks.attempts', { count: cb.attempts })}</span>
                      ) : null}
                    </td>
                    <td>{cb.owner ?? '–'}</td>
                    <td>
                      {me ? (
                        <CallbackActions
                          cb={cb}
                          me={me}
                          busy={busyId === cb.id}
                          onDial={dial ? (c) => void dialOne(c) : () => undefined}
                          onAction={(c, body) => void act(c, body)}
                          canDial={!!dial}
                        />
                      ) : null}
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
