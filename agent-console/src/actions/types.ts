import type { CommandAck, NotReadyReason } from '@cc1357/contracts';
import type { DeskState } from '../features/desk/desk-state';

/**
 * Console commands as registered actions (excalidraw-style): each has a label key, a
 * keyboard shortcut shown in the UI, a guard and a perform. Buttons and shortcuts both go
 * through `runAction`, so the guard cannot be skipped by pressing a key.
 */

/** Function keys only: none of them is a reserved browser combo once we preventDefault. */
export const SHORTCUT_KEYS = ['F2', 'F3', 'F4', 'F7', 'F8', 'F9'] as const;
export type ShortcutKey = (typeof SHORTCUT_KEYS)[number];

export interface DeskCommands {
  ready(): Promise<CommandAck>;
  notReady(reason: NotReadyReason): Promise<CommandAck>;
  answer(callId: string): Promise<CommandAck>;
  hangup(callId: string): Promise<CommandAck>;
}

export interface ActionContext {
  desk: DeskState;
  /** The reason chosen in the state bar's picker, used by Not ready. */
  notReadyReason: NotReadyReason;
  commands: DeskCommands;
  /** Submits the consultation form on screen; null when there is none. */
  submitConsultation: (() => void) | null;
  /** Adds the chosen category's summary template to the form on screen; null when there is none. */
  insertTemplate: (() => void) | null;
}

export type ActionId = 'ready' | 'notReady' | 'answer' | 'hangup' | 'saveConsultation' | 'insertTemplate';

export interface ConsoleAction {
  id: ActionId;
  /** i18n key of the button label. */
  labelKey: `actions.${ActionId}`;
  shortcut: ShortcutKey;
  enabled(ctx: ActionContext): boolean;
  perform(ctx: ActionContext): Promise<unknown> | void;
}
