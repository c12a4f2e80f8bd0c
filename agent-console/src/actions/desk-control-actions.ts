import type { ActionContext, ConsoleAction } from './types';

/** Hold, mute and recording pause work on a connected call only, one command at a time. */
const live = ({ desk, online }: ActionContext) => online && desk.pending === null && desk.call?.phase === 'connected';

/** F6: the caller hears music and not the counselor; again to take the call back. */
export const holdAction: ConsoleAction = {
  id: 'hold',
  labelKey: 'actions.hold',
  shortcut: 'F6',
  enabled: live,
  pressed: ({ desk }) => Boolean(desk.call?.controls.heldSince),
  perform: ({ desk, commands }) =>
    desk.call ? commands.hold(desk.call.offer.callId, !desk.call.controls.heldSince) : undefined,
};

/** F10: the caller stops hearing the counselor (the counselor still hears the caller). */
export const muteAction: ConsoleAction = {
  id: 'mute',
  labelKey: 'actions.mute',
  shortcut: 'F10',
  enabled: live,
  pressed: ({ desk }) => desk.call?.controls.muted ?? false,
  perform: ({ desk, commands }) =>
    desk.call ? commands.mute(desk.call.offer.callId, !desk.call.controls.muted) : undefined,
};

/**
 * Shift+F1: the recording pauses while the caller gives card or account numbers; again to resume.
 * telephony marks the paused span for reviewers and refuses a call that is not recorded.
 */
export const recordingPauseAction: ConsoleAction = {
  id: 'recordingPause',
  labelKey: 'actions.recordingPause',
  shortcut: 'Shift+F1',
  enabled: live,
  pressed: ({ desk }) => desk.call?.controls.recordingPaused ?? false,
  perform: ({ desk, commands }) =>
    desk.call
      ? commands.recordingPause(desk.call.offer.callId, !(desk.call.controls.recordingPaused ?? false))
      : undefined,
};
