import { askNotificationPermission } from './notifications';
import { primeAudio } from './ring-tone';

export { RingAlert } from './RingAlert';

/**
 * Readies the ring alerts inside a user gesture (the Ready click or F2): browsers start sound and
 * ask for notification permission only then, and a counselor going Ready is about to take calls.
 */
export function primeRingAlerts(): void {
  primeAudio();
  askNotificationPermission();
}
