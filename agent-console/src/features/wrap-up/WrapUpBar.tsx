import type { WrapUpCode } from '@cc1357/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../app/useNow';
import { formatDuration, secondsSince } from '../../lib/format';
import type { DeskState } from '../desk/desk-state';
import { EXTEND_SECONDS, wrapUpView } from './wrap-up-model';
import { WrapUpCodePicker } from './WrapUpCodePicker';

/**
 * After-call work: while the write-up is unsaved it says wrap-up waits for it and offers an
 * explicit discard (two presses: the write-up is gone for good); once saved, the countdown to
 * Ready. "More time" extends either way. The wrap-up code (후처리 코드) is picked here too.
 */
export function WrapUpBar({
  desk,
  online,
  onExtend,
  onDiscard,
  onCode,
}: {
  desk: DeskState;
  online: boolean;
  /** Asks telephony for EXTEND_SECONDS more after-call work. */
  onExtend: (callId: string, seconds: number) => void;
  /** The counselor confirmed: forget the write-up (draft and screen) and let wrap-up end. */
  onDiscard: (callId: string) => void;
  /** Tells telephony the call's wrap-up code (`agent.wrapUp.code.v1`). */
  onCode: (callId: string, code: WrapUpCode) => void;
}) {
  const { t } = useTranslation();
  const now = useNow();
  const view = wrapUpView(desk);
  const [confirming, setConfirming] = useState<string | null>(null);
  // The code just picked shows at once; telephony's snapshot (desk.agent.wrapUpCode) then confirms it.
  const [picked, setPicked] = useState<{ callId: string; code: WrapUpCode } | null>(null);
  if (view.kind === 'none') return null;
  const { callId } = view;
  const chosen = desk.agent?.wrapUpCode ?? (picked?.callId === callId ? picked.code : null);
  const pick = (id: string, code: WrapUpCode) => {
    setPicked({ callId: id, code });
    onCode(id, code);
  };

  const extend = () => onExtend(callId, EXTEND_SECONDS);
  const discard = () => {
    if (confirming !== callId) return setConfirming(callId);
    setConfirming(null);
    onDiscard(callId);
  };

  return (
    <section
      className="panel wrap-up-bar"
      aria-label={t('wrapUp.label')}
      data-testid="wrap-up-bar"
      data-kind={view.kind}
    >
      {view.kind === 'waitingForWriteUp' ? (
        <p role="status" className="alert alert-info" data-testid="wrap-up-waiting">
          {t('wrapUp.waiting')}
        </p>
      ) : (
        <p role="status" className="muted" data-testid="wrap-up-countdown">
          {view.until
            ? t('wrapUp.readyIn', {
                time: formatDuration(secondsSince(new Date(now).toISOString(), Date.parse(view.until))),
              })
            : t('wrapUp.readySoon')}
        </p>
      )}
      <WrapUpCodePicker callId={callId} chosen={chosen} disabled={!online} onPick={pick} />
      <div className="wrap-up-actions">
        <button type="button" className="btn" disabled={!online} onClick={extend} data-testid="wrap-up-extend">
          {t('wrapUp.extend', { seconds: EXTEND_SECONDS })}
        </button>
        {view.kind === 'waitingForWriteUp' ? (
          <button
            type="button"
            className="btn btn-danger"
            disabled={!online}
            onClick={discard}
            data-testid="wrap-up-discard"
          >
            {confirming === callId ? t('wrapUp.discardConfirm') : t('wrapUp.discard')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
