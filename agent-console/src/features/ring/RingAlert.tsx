import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { formatPhone, maskPhone } from '../../lib/format';
import { queueLabel } from '../../i18n/labels';
import type { CallOnDesk } from '../desk/desk-state';
import { useRingAlert } from './useRingAlert';

/**
 * A ringing call is impossible to miss: the tone, the flashing title and the desktop notification
 * (useRingAlert), and a screen-reader announcement in a live region kept in the page body — outside
 * the desk, which may be a hidden view at the moment the call arrives.
 */
export function RingAlert({
  call,
  deskShown,
  onShowDesk,
}: {
  call: CallOnDesk | null;
  deskShown: boolean;
  onShowDesk: () => void;
}) {
  const { t, i18n } = useTranslation();
  // A call the counselor placed (`outbound`) rings their own phone: nothing incoming to announce.
  const ringing = call?.phase === 'ringing' && !call.offer.outbound ? call : null;
  // Masked, like every number on screen.
  const number = ringing
    ? ringing.offer.callerNumber
      ? maskPhone(ringing.offer.callerNumber)
      : formatPhone(null, t('call.withheld'))
    : '';
  const queue = ringing ? queueLabel(ringing.offer.queue, i18n.language) : '';
  useRingAlert(
    ringing?.offer.callId ?? null,
    deskShown,
    { title: t('ring.title'), body: t('ring.body', { number, queue }) },
    onShowDesk,
  );
  if (typeof document === 'undefined') return null;
  return createPortal(
    <div className="sr-only" aria-live="assertive" role="status" data-testid="ring-announcement">
      {ringing ? t('call.incoming', { number, queue }) : ''}
    </div>,
    document.body,
  );
}
