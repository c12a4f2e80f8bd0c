import type { RelayDto, RelayOutcomeRequest } from '@cc1357/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

const STATUSES = ['accepted', 'answered', 'closed'] as const;

/** A partner user's answer to one relay: 접수 / 답변 완료 / 종결 and what was done. */
export function OutcomeForm({
  relay,
  busy,
  onSubmit,
}: {
  relay: RelayDto;
  busy: boolean;
  onSubmit: (req: RelayOutcomeRequest) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [status, setStatus] = useState<RelayOutcomeRequest['status']>('answered');
  const [outcome, setOutcome] = useState(relay.outcome ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ status, outcome });
  };
  return (
    <form className="form-row" onSubmit={submit} data-testid={`outcome-form-${relay.id}`}>
      <label htmlFor={`${id}-status`}>{t('relays.outcomeStatus')}</label>
      <select
        id={`${id}-status`}
        value={status}
        onChange={(e) => setStatus(e.target.value as RelayOutcomeRequest['status'])}
      >
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`relayStatus.${s}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-outcome`}>{t('relays.outcome')}</label>
      <textarea
        id={`${id}-outcome`}
        rows={3}
        maxLength={4000}
        required
        value={outcome}
        onChange={(e) => setOutcome(e.target.value)}
      />
      <button type="submit" className="btn" disabled={busy || outcome.trim() === ''}>
        {busy ? t('relays.sending') : t('relays.sendOutcome')}
      </button>
    </form>
  );
}
