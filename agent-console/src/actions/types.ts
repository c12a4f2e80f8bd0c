import type { CallRelayCommandV1, CallTransferCommandV1, CommandAck, NotReadyReason } from '@cc1357/contracts';
import type { DeskState } from '../features/desk/desk-state';

/**
 * Console commands as registered actions (excalidraw-style): each has a label key, a
 * keyboard shortcut shown in the UI, a guard and a perform. Buttons and shortcuts both go
 * through `runAction`, so the guard cannot be skipped by pressing a key.
 */

/**
 * Function keys, and one with Shift: none of them is a reserved browser combo once we
 * preventDefault (F5 reloads and F11/F12 belong to the browser, so they are never used).
 * Written as `aria-keyshortcuts` spells them.
 */
export const SHORTCUT_KEYS = ['F1', 'Shift+F1', 'F2', 'F3', 'F4', 'F6', 'F7', 'F8', 'F9', 'F10'] as const;
export type ShortcutKey = (typeof SHORTCUT_KEYS)[number];

export interface DeskCommands {
  ready(): Promise<CommandAck>;
  notReady(reason: NotReadyReason): Promise<CommandAck>;
  answer(callId: string): Promise<CommandAck>;
  hangup(callId: string): Promise<CommandAck>;
  /** The state wanted (not a toggle): a repeated key asks for the same thing again. */
  hold(callId: string, held: boolean): Promise<CommandAck>;
  mute(callId: string, muted: boolean): Promise<CommandAck>;
  /** Pause (`true`) or resume the call's recording while the caller gives sensitive details. */
  recordingPause(callId: string, paused: boolean): Promise<CommandAck>;
  /** Opens the transfer dialog and asks telephony whom the call may go to (optional: absent in a desk without transfers). */
  openTransfer?(callId: string): Promise<CommandAck>;
  transfer?(command: CallTransferCommandV1): Promise<CommandAck>;
  /** The consult of an attended transfer: complete, cancel (back to the caller) or swap. */
  consult?(callId: string, what: 'complete' | 'cancel' | 'swap' | 'conference'): Promise<CommandAck>;
  /** Relays the connected call to a partner center (the call and its package together). */
  relay?(command: CallRelayCommandV1): Promise<CommandAck>;
}

export interface ActionContext {
  desk: DeskState;
  /**
   * The phone server (telephony's socket) is connected. Without it the call and state commands
   * cannot work, so their buttons and keys are off (the banner says what still works); the
   * consultation form and the template do not need it.
   */
  online: boolean;
  /** The reason chosen in the state bar's picker, used by Not ready. */
  notReadyReason: NotReadyReason;
  commands: DeskCommands;
  /** Submits the consultation form on screen; null when there is none. */
  submitConsultation: (() => void) | null;
  /** Adds the chosen category's summary template to the form on screen; null when there is none. */
  insertTemplate: (() => void) | null;
}

export type ActionId =
  | 'ready'
  | 'notReady'
  | 'answer'
  | 'hangup'
  | 'hold'
  | 'mute'
  | 'recordingPause'
  | 'saveConsultation'
  | 'insertTemplate'
  | 'transfer';

export interface ConsoleAction {
  id: ActionId;
  /** i18n key of the button label. */
  labelKey: `actions.${ActionId}`;
  shortcut: ShortcutKey;
  enabled(ctx: ActionContext): boolean;
  /** For an on/off action (hold, mute): whether it is on now; its button shows aria-pressed. */
  pressed?(ctx: ActionContext): boolean;
  perform(ctx: ActionContext): Promise<unknown> | void;
}
