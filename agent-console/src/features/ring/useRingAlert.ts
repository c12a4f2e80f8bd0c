import { useEffect, useSyncExternalStore } from 'react';
import { notificationPermission, showRingNotification } from './notifications';
import { TITLE_FLASH_MS, flashedTitle, ringAlerts, type RingAlerts } from './ring-model';
import { startRingTone } from './ring-tone';

function subscribeVisibility(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}
const documentHidden = () => document.visibilityState === 'hidden';

/** The page is hidden (another tab or window in front, minimised): re-rendered on each change. */
export function useDocumentHidden(): boolean {
  return useSyncExternalStore(subscribeVisibility, documentHidden, () => false);
}

export interface RingText {
  /** Flashed in the title and the notification's heading. */
  title: string;
  /** The notification's body: who calls, for which queue. */
  body: string;
}

/**
 * Carries out `ringAlerts` for the call ringing now (`ringingCallId`, null when none): the tone,
 * the flashing title, the desktop notification — each stopped by its effect's cleanup, so an
 * answer, a hang-up or the ring timing out ends them all at once.
 */
export function useRingAlert(
  ringingCallId: string | null,
  deskShown: boolean,
  text: RingText,
  onShowDesk: () => void,
): RingAlerts {
  const hidden = useDocumentHidden();
  const alerts = ringAlerts({
    ringing: ringingCallId !== null,
    documentHidden: hidden,
    deskShown,
    notificationPermission: notificationPermission(),
  });

  useEffect(() => {
    if (!alerts.sound) return;
    return startRingTone();
  }, [alerts.sound, ringingCallId]);

  const { title, body } = text;
  useEffect(() => {
    if (!alerts.flashTitle) return;
    const base = document.title;
    let tick = 0;
    document.title = flashedTitle(base, title, tick);
    const id = setInterval(() => {
      tick += 1;
      document.title = flashedTitle(base, title, tick);
    }, TITLE_FLASH_MS);
    return () => {
      clearInterval(id);
      document.title = base;
    };
  }, [alerts.flashTitle, title]);

  useEffect(() => {
    if (!alerts.notify || !ringingCallId) return;
    return showRingNotification(title, body, `ring-${ringingCallId}`, onShowDesk);
    // One notification per ringing call: a changed text or callback does not show it again.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [alerts.notify, ringingCallId]);

  return alerts;
}
