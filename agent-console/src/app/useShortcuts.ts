import { useEffect, useEffectEvent } from 'react';
import { actionForKey, runAction, type ActionContext } from '../actions';

/**
 * One keydown listener for the registered actions. Their keys are swallowed (preventDefault)
 * even when the guard says no, so a pressed F3 never falls through to the browser's find bar.
 */
export function useShortcuts(ctx: ActionContext): void {
  // An effect event sees the latest ctx without re-registering the listener on every render.
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    const action = actionForKey(event);
    if (!action) return;
    event.preventDefault();
    if (event.repeat) return;
    void runAction(action, ctx);
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
