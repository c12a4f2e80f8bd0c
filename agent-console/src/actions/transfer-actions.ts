import type { ConsoleAction } from './types';

/**
 * F1: the transfer dialog of the connected call (F5 reloads, F8 hangs up, F11/F12 belong to the
 * browser; F1's help page is ours to swallow). One command at a time, like hold and mute.
 */
export const transferAction: ConsoleAction = {
  id: 'transfer',
  labelKey: 'actions.transfer',
  shortcut: 'F1',
  enabled: ({ desk, online, commands }) =>
    online &&
    desk.pending === null &&
    desk.call?.phase === 'connected' &&
    !desk.transfer &&
    !desk.consult &&
    !!commands.openTransfer,
  perform: ({ desk, commands }) => (desk.call ? commands.openTransfer?.(desk.call.offer.callId) : undefined),
};
