import { useEffect, useState } from 'react';

/**
 * Loads a value now and every `intervalMs` while the component is mounted. A failed load keeps
 * the last value (the caller's other feeds still update the screen); a load that lands after
 * unmount is dropped. `load` must be stable across renders (wrap it in useCallback).
 */
export function usePolled<T>(load: () => Promise<T>, intervalMs: number): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let stopped = false;
    const tick = () =>
      load().then(
        (next) => {
          if (!stopped) setValue(next);
        },
        () => undefined,
      );
    void tick();
    const id = setInterval(tick, intervalMs);
    return () => {
      stopped = true;
      clearInterval(id);
    };
  }, [load, intervalMs]);
  return value;
}
