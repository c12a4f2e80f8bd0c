import { type CallConsultV1, PARTNERS, type PartnerId } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';

export type ConsultCommand = 'complete' | 'cancel' | 'swap' | 'conference';

/**
 * The consult of an attended transfer, for the first counselor: whom they are talking to, and
 * Complete (the target takes the caller), Swap (between the caller and the target), Conference
 * (all three together) and Cancel (back to the caller). Complete, Swap and Conference wait until
 * the target has answered. In a conference the same buttons read as leaving it: the counselor
 * leaves (the caller and the target go on) or lets the target go (the caller stays with them).
 * With a partner center (an attended relay) the bar names the partner and has no conference.
 */
export function ConsultBar({
  consult,
  busy,
  onCommand,
}: {
  consult: NonNullable<CallConsultV1['consult']>;
  busy: boolean;
  onCommand: (what: ConsultCommand) => void;
}) {
  const { t, i18n } = useTranslation();
  const talking = consult.phase === 'talking';
  const all = consult.with === 'all';
  if (consult.partner)
    return (
      <PartnerConsultBar
        consult={consult}
        partner={partnerName(consult.partner, i18n.language)}
        busy={busy}
        onCommand={onCommand}
      />
    );
  const status =
    consult.phase === 'ringing'
      ? 'call.transfer.consultRinging'
      : all
        ? 'call.transfer.conferenceOn'
        : consult.with === 'target'
          ? 'call.transfer.consultTarget'
          : 'call.transfer.consultCaller';
  return (
    <div className="consult-bar" data-testid="consult-bar" data-phase={consult.phase} data-with={consult.with}>
      <p className="alert alert-warn" role="status" aria-live="polite">
        {t(status, { agent: consult.agentId })}
      </p>
      <div className="call-controls">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || !talking}
          onClick={() => onCommand('complete')}
        >
          {t(all ? 'call.transfer.leaveConference' : 'call.transfer.complete', { agent: consult.agentId })}
        </button>
        {all ? null : (
          <>
            <button type="button" className="btn" disabled={busy || !talking} onClick={() => onCommand('swap')}>
              {t('call.transfer.swap')}
            </button>
            <button
              type="button"
              className="btn"
              disabled={busy || !talking}
              data-testid="consult-conference"
              onClick={() => onCommand('conference')}
            >
              {t('call.transfer.conference')}
            </button>
          </>
        )}
        <button type="button" className="btn" disabled={busy} onClick={() => onCommand('cancel')}>
          {t(all ? 'call.transfer.dropTarget' : 'call.transfer.cancelConsult', { agent: consult.agentId })}
        </button>
      </div>
    </div>
  );
}

const partnerName = (id: PartnerId, language: string) =>
  language === 'en' ? PARTNERS[id].nameEn : PARTNERS[id].nameKo;

/** The attended relay's bar: ringing / talking to the partner or the caller; complete, swap, cancel. */
function PartnerConsultBar({
  consult,
  partner,
  busy,
  onCommand,
}: {
  consult: NonNullable<CallConsultV1['consult']>;
  partner: string;
  busy: boolean;
  onCommand: (what: ConsultCommand) => void;
}) {
  const { t } = useTranslation();
  const talking = consult.phase === 'talking';
  const status = !talking
    ? 'call.relay.partnerRinging'
    : consult.with === 'target'
      ? 'call.relay.partnerTarget'
      : 'call.relay.partnerCaller';
  return (
    <div
      className="consult-bar"
      data-testid="consult-bar"
      data-phase={consult.phase}
      data-with={consult.with}
      data-partner={consult.partner}
    >
      <p className="alert alert-warn" role="status" aria-live="polite">
        {t(status, { partner })}
      </p>
      <div className="call-controls">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || !talking}
          onClick={() => onCommand('complete')}
        >
          {t('call.relay.complete', { partner })}
        </button>
        <button type="button" className="btn" disabled={busy || !talking} onClick={() => onCommand('swap')}>
          {t('call.transfer.swap')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => onCommand('cancel')}>
          {t('call.relay.cancelConsult')}
        </button>
      </div>
    </div>
  );
}

/** Why the consult ended without a transfer; the caller is back with the counselor (never in silence). */
export function ConsultEndedNotice({ ended }: { ended: NonNullable<CallConsultV1['ended']> }) {
  const { t, i18n } = useTranslation();
  const target = ended.partner ? partnerName(ended.partner, i18n.language) : t('call.relay.theCounselor');
  return (
    <p
      className="alert alert-info"
      role="status"
      aria-live="polite"
      data-testid="consult-ended"
      data-reason={ended.reason}
    >
      {t(`call.relay.ended.${ended.reason}`, { target })}
    </p>
  );
}
