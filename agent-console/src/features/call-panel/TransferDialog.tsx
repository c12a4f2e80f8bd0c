import type { CallTransferCommandV1 } from '@cc1357/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queueLabel } from '../../i18n/labels';
import type { ConsultationDraft } from '../consultation/draft';
import type { TransferOnDesk } from '../desk/desk-state';
import { NOTES_MAX, targetKey, targetOfKey, transferContextOf } from './transfer-model';

/**
 * The transfer dialog of the connected call: a target (a queue, or a counselor Ready right now,
 * as telephony listed them), notes for the next counselor, and the draft of the write-up carried
 * along. Keyboard first: the first target takes the focus, arrows move between targets, Enter
 * sends, Escape closes. A refusal (the counselor is no longer Ready…) shows in the call panel's
 * error and the dialog stays open for another choice.
 */
export function TransferDialog({
  transfer,
  draft,
  busy,
  onSubmit,
  onClose,
}: {
  transfer: TransferOnDesk;
  /** The consultation draft the console keeps for this call (null when nothing is typed). */
  draft: ConsultationDraft | null;
  busy: boolean;
  onSubmit: (command: CallTransferCommandV1) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState('');
  const [notes, setNotes] = useState('');
  const [mode, setMode] = useState<'blind' | 'attended'>('blind');
  const [missing, setMissing] = useState(false);
  const first = useRef<HTMLFieldSetElement>(null);
  const { targets } = transfer;
  useEffect(() => {
    first.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [targets]);

  const submit = () => {
    const target = targets ? targetOfKey(chosen, targets.queues) : null;
    if (!target) return setMissing(true);
    // Talking first is for a named counselor; a queue takes the caller at once.
    const how = target.kind === 'agent' ? mode : 'blind';
    onSubmit({ callId: transfer.callId, target, mode: how, context: transferContextOf(draft, notes) });
  };

  return (
    <div
      className="dialog transfer-dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="transfer-title"
      data-testid="transfer-dialog"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <h3 id="transfer-title">{t('call.transfer.title')}</h3>
        {!targets ? (
          <p className="muted" role="status">
            {t('call.transfer.loading')}
          </p>
        ) : (
          <>
            <fieldset ref={first}>
              <legend>{t('call.transfer.agents')}</legend>
              {targets.agents.length === 0 ? <p className="muted">{t('call.transfer.noAgents')}</p> : null}
              {targets.agents.map((a) => {
                const key = targetKey({ kind: 'agent', agentId: a.agentId });
                return (
                  <label key={key} className="radio">
                    <input
                      type="radio"
                      name="transfer-target"
                      value={key}
                      checked={chosen === key}
                      onChange={() => (setChosen(key), setMissing(false))}
                    />
                    {a.displayName} ({a.agentId})
                  </label>
                );
              })}
            </fieldset>
            <fieldset>
              <legend>{t('call.transfer.queues')}</legend>
              {targets.queues.map((q) => {
                const key = targetKey({ kind: 'queue', queue: q });
                return (
                  <label key={key} className="radio">
                    <input
                      type="radio"
                      name="transfer-target"
                      value={key}
                      checked={chosen === key}
                      onChange={() => (setChosen(key), setMissing(false))}
                    />
                    {queueLabel(q, i18n.language)}
                  </label>
                );
              })}
            </fieldset>
          </>
        )}
        <fieldset>
          <legend>{t('call.transfer.mode')}</legend>
          {(['blind', 'attended'] as const).map((m) => (
            <label key={m} className="radio">
              <input
                type="radio"
                name="transfer-mode"
                value={m}
                checked={mode === m}
                disabled={m === 'attended' && !chosen.startsWith('agent:')}
                onChange={() => setMode(m)}
              />
              {t(`call.transfer.${m}`)}
            </label>
          ))}
          <p className="muted">{t('call.transfer.attendedHint')}</p>
        </fieldset>
        <label htmlFor="transfer-notes">{t('call.transfer.notes')}</label>
        <textarea
          id="transfer-notes"
          value={notes}
          maxLength={NOTES_MAX}
          rows={3}
          onChange={(e) => setNotes(e.target.value)}
        />
        <p className="muted">{t('call.transfer.carries')}</p>
        {missing ? (
          <p className="alert alert-warn" role="alert">
            {t('call.transfer.chooseTarget')}
          </p>
        ) : null}
        <div className="call-controls">
          <button type="submit" className="btn btn-primary" disabled={busy || !targets} data-testid="transfer-submit">
            {t('call.transfer.submit')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('call.transfer.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
