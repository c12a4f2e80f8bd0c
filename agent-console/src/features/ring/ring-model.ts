/**
 * When a ringing call calls for which alert, as a pure function of what the console knows: is a
 * call ringing, is the page hidden (another browser tab or window in front, minimised), is the
 * desk the view on screen, may we notify. The effects (useRingAlert) only carry this out.
 *
 * - the ring tone plays whenever a call rings: a counselor reading the desk can still be looking
 *   at paper or the other screen;
 * - the title flashes and a desktop notification shows only when the desk is out of sight —
 *   on the desk itself the ringing panel is enough, and a notification there would be noise;
 * - everything stops the moment the call stops ringing (answered, hung up, rang out).
 */
export type NotifyPermission = 'granted' | 'denied' | 'default' | 'unsupported';

export interface RingInputs {
  ringing: boolean;
  documentHidden: boolean;
  deskShown: boolean;
  notificationPermission: NotifyPermission;
}

export interface RingAlerts {
  sound: boolean;
  flashTitle: boolean;
  notify: boolean;
}

export const NO_ALERTS: RingAlerts = { sound: false, flashTitle: false, notify: false };

export function ringAlerts({ ringing, documentHidden, deskShown, notificationPermission }: RingInputs): RingAlerts {
  if (!ringing) return NO_ALERTS;
  const outOfSight = documentHidden || !deskShown;
  return { sound: true, flashTitle: outOfSight, notify: outOfSight && notificationPermission === 'granted' };
}

/** The title on each flash tick: the alert on even ticks, the page's own title on odd ones. */
export function flashedTitle(base: string, alert: string, tick: number): string {
  return tick % 2 === 0 ? alert : base;
}

/** Permission is asked once, on a user gesture (going Ready): only while the browser has not been told. */
export function shouldAskPermission(permission: NotifyPermission): boolean {
  return permission === 'default';
}

/** Milliseconds between title flashes. */
export const TITLE_FLASH_MS = 1000;
