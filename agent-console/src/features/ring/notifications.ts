import { shouldAskPermission, type NotifyPermission } from './ring-model';

/** The Notification API as far as the console uses it, absent in browsers (and tests) without it. */
export function notificationPermission(): NotifyPermission {
  if (typeof window === 'undefined' || !('Notification' in window)) return 'unsupported';
  return window.Notification.permission;
}

/** Asks for permission if the browser has not been told yet; call it inside a user gesture. */
export function askNotificationPermission(): void {
  if (!shouldAskPermission(notificationPermission())) return;
  void window.Notification.requestPermission().catch(() => undefined);
}

/** Shows a desktop notification for a ringing call; clicking it brings the console to the front. */
export function showRingNotification(title: string, body: string, tag: string, onClick: () => void): () => void {
  if (notificationPermission() !== 'granted') return () => undefined;
  try {
    const n = new window.Notification(title, { body, tag, requireInteraction: true });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
    return () => n.close();
  } catch {
    // Some browsers allow notifications only from a service worker: the tone and title remain.
    return () => undefined;
  }
}
