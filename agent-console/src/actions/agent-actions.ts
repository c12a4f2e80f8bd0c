import type { AgentState } from '@cc1357/contracts';
import { primeRingAlerts } from '../features/ring';
import { wrapUpCodeBlocksReady, writeUpBlocksReady } from '../features/wrap-up/wrap-up-model';
import type { ConsoleAction } from './types';

const READY_FROM: readonly AgentState[] = ['offline', 'notReady', 'wrapUp'];
// Not ready is for an agent between calls; during a ringing or live call telephony owns the state.
const NOT_READY_FROM: readonly AgentState[] = ['ready', 'notReady', 'wrapUp'];

export const readyAction: ConsoleAction = {
  id: 'ready',
  labelKey: 'actions.ready',
  shortcut: 'F2',
  enabled: ({ desk, online }) =>
    online &&
    desk.pending === null &&
    desk.agent !== null &&
    READY_FROM.includes(desk.agent.state) &&
    // The next call would replace a write-up still open on screen: save or discard it first.
    !writeUpBlocksReady(desk) &&
    // After a connected call, Ready waits for the wrap-up code (the countdown still ends it by itself).
    !wrapUpCodeBlocksReady(desk),
  perform: ({ commands }) => {
    // A user gesture: the moment to unlock the ring tone and ask to show notifications.
    primeRingAlerts();
    return commands.ready();
  },
};

export const notReadyAction: ConsoleAction = {
  id: 'notReady',
  labelKey: 'actions.notReady',
  shortcut: 'F3',
  enabled: ({ desk, notReadyReason, online }) =>
    online &&
    desk.pending === null &&
    desk.agent !== null &&
    NOT_READY_FROM.includes(desk.agent.state) &&
    // Re-sending the reason the agent already has would be a no-op.
    !(desk.agent.state === 'notReady' && desk.agent.reason === notReadyReason),
  perform: ({ commands, notReadyReason }) => commands.notReady(notReadyReason),
};
