import type { CallbackActionRequest, CallbackDto } from '@cc1357/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callbackChoices, kstLocalToIso } from './callback-actions';

export interface CallbackActionsProps {
  cb: CallbackDto;
  me: { username: string; role: string };
  /** A step is running for this callback: its buttons wait (a double click sends once). */
  busy: boolean;
  /** Telephony reachable from this screen (a counselor with a phone): the dial button shows. */
  canDial: boolean;
  onDial(cb: CallbackDto): void;
  onAction(cb: CallbackDto, body: CallbackActionRequest): void;
}

/**
 * The buttons of one callback row: take it, call it, then record how the call went (done, no
 * answer, or a new time). Plain buttons in reading order, each named with the number it acts on,
 * so keyboard and screen-reader users reach every step with Tab and Enter.
 */
export function CallbackActions({ cb, me, busy, canDial, onDial, onAction }: CallbackActionsProps) {
  const { t } = useTranslation();
  const [when, setWhen] = useState('');
  const choices = callbackChoices(cb, me);
  if (choices.ownedBy) return <span className="small muted">{t('callbacks.ownedBy', { owner: choices.ownedBy })}</span>;
  const named = (key: string) => t(key, { number: cb.number });
  const due = kstLocalToIso(when);
  return (
    <div className="button-row" role="group" aria-label={named('callbacks.actionsFor')} data-callback={cb.id}>
      {choices.claim ? (
        <button
          type="button"
          className="btn btn-small"
          disabled={busy}
          aria-label={named('callbacks.claimFor')}
          onClick={() => onAction(cb, { action: 'claim' })}
        >
          {t('callbacks.claim')}
        </button>
      ) : null}
      {choices.dial && canDial ? (
        <button
          type="button"
          className="btn btn-small btn-primary"
          disabled={busy}
          aria-label={named('callbacks.dialFor')}
          data-action="dial"
          onClick={() => onDial(cb)}
        >
          {t('callbacks.dial')}
        </button>
      ) : null}
      {choices.outcome ? (
        <>
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            aria-label={named('callbacks.doneFor')}
            data-action="done"
            onClick={() => onAction(cb, { action: 'done' })}
          >
            {t('callbacks.done')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            aria-label={named('callbacks.noAnswerFor')}
            data-action="noAnswer"
            onClick={() => onAction(cb, { action: 'noAnswer' })}
          >
            {t('callbacks.noAnswer')}
          </button>
        </>
      ) : null}
      {choices.reschedule ? (
        <span className="inline-field">
          <label className="sr-only" htmlFor={`cb-when-${cb.id}`}>
            {named('callbacks.rescheduleAt')}
          </label>
          <input id={`cb-when-${cb.id}`} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
          <button
            type="button"
            className="btn btn-small"
            disabled={busy || !due}
            aria-label={named('callbacks.rescheduleFor')}
            data-action="reschedule"
            onClick={() => due && onAction(cb, { action: 'reschedule', dueAt: due })}
          >
            {t('callbacks.reschedule')}
          </button>
        </span>
      ) : null}
    </div>
  );
}
