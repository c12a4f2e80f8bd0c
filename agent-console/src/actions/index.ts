export { ACTIONS, actionById, actionForKey, runAction, type KeyLike } from './registry';
export {
  SHORTCUT_KEYS,
  type ActionContext,
  type ActionId,
  type ConsoleAction,
  type DeskCommands,
  type ShortcutKey,
} from './types';
