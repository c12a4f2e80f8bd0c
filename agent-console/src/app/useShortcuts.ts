import { useEffect, useRef } from 'react';
import { actionForKey, runAction, type ActionContext } from '../actions';

/**
 * One keydown listener for the registered actions. Their keys are swallowed (preventDefault)
 * even when the guard says no, so a pressed F3 never falls through to the browser's find bar.
 */
export function useShortcuts(ctx: ActionContext): void {
  const latest = useRef(ctx);
  latest.current = ctx;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const action = actionForKey(event);
      if (!action) return;
      event.preventDefault();
      if (event.repeat) return;
      void runAction(action, latest.current);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
