import type { PartnerCenterDto } from '@cc1357/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionContext } from '../../actions';
import type { ApiClient } from '../../api';
import type { CallOnDesk } from '../desk/desk-state';
import { browserStorage, draftKey, loadDraft } from '../consultation/draft-store';
import { RelayDialog } from './RelayDialog';

/**
 * The "협력기관 이관" button of a connected call and its dialog: opening it asks crm-api for the
 * partner centers (their hours decide between relaying the call and offering a callback). The
 * relay itself is telephony's `call.relay.v1`; a refusal shows as the call panel's error and the
 * dialog stays open.
 */
export function RelayLauncher({
  ctx,
  api,
  call,
  userId,
}: {
  ctx: ActionContext;
  api: ApiClient;
  call: CallOnDesk;
  userId: string | null;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [partners, setPartners] = useState<PartnerCenterDto[] | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const callId = call.offer.callId;
  useEffect(() => {
    if (!open) return;
    let live = true;
    api.partnerCenters().then(
      (list) => live && setPartners(list),
      () => live && setLoadFailed(true),
    );
    return () => void (live = false);
  }, [open, api]);
  const relay = ctx.commands.relay;
  if (!relay) return null;
  return (
    <>
      <button
        type="button"
        className="btn"
        data-action="relay"
        disabled={!ctx.online || ctx.desk.pending !== null || !!ctx.desk.consult?.consult || open}
        onClick={() => {
          // A fresh list each time: the partners' hours may have changed since the last relay.
          setPartners(null);
          setLoadFailed(false);
          setOpen(true);
        }}
      >
        {t('call.relay.button')}
      </button>
      {open ? (
        <RelayDialog
          callId={callId}
          callerNumber={call.offer.callerNumber}
          companyId={call.selectedCompanyId}
          draft={userId ? (loadDraft(browserStorage(), draftKey(userId, callId))?.draft ?? null) : null}
          partners={partners}
          loadFailed={loadFailed}
          busy={ctx.desk.pending !== null}
          onRelay={(command) => relay(command)}
          onCallback={async (request) => void (await api.createRelay(request))}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}
