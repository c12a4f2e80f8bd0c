import { notReadyAction, readyAction } from './agent-actions';
import { answerAction, hangupAction, insertTemplateAction, saveConsultationAction } from './call-actions';
import { holdAction, muteAction, recordingPauseAction } from './desk-control-actions';
import { transferAction } from './transfer-actions';
import { SHORTCUT_KEYS, type ActionContext, type ActionId, type ConsoleAction, type ShortcutKey } from './types';

export const ACTIONS: readonly ConsoleAction[] = [
  readyAction,
  notReadyAction,
  answerAction,
  hangupAction,
  holdAction,
  muteAction,
  recordingPauseAction,
  saveConsultationAction,
  insertTemplateAction,
  transferAction,
];

export function actionById(id: ActionId): ConsoleAction {
  const action = ACTIONS.find((a) => a.id === id);
  if (!action) throw new Error(`unknown action ${id}`);
  return action;
}

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
}

/** The action a key press triggers: a bare function key, no modifiers (those are the browser's). */
export function actionForKey(event: KeyLike, actions: readonly ConsoleAction[] = ACTIONS): ConsoleAction | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  const name = event.shiftKey ? `Shift+${event.key}` : event.key;
  if (!(SHORTCUT_KEYS as readonly string[]).includes(name)) return null;
  return actions.find((a) => a.shortcut === (name as ShortcutKey)) ?? null;
}

/** Runs an action if its guard allows; returns whether it ran. */
export async function runAction(action: ConsoleAction, ctx: ActionContext): Promise<boolean> {
  if (!action.enabled(ctx)) return false;
  await action.perform(ctx);
  return true;
}
