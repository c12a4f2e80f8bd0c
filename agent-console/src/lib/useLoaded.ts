import { useEffect, useState, type DependencyList } from 'react';
import { asApiError, type ApiError } from '../api/errors';

export interface Loaded<T> {
  /** The last answer; kept while a new load runs or after one fails, so a refresh does not blank the screen. */
  value: T | null;
  /** Why the latest load failed; cleared by the next success. */
  error: ApiError | null;
}

/**
 * Runs `load` now and whenever a value in `deps` changes (`deps` lists what `load` reads, as
 * for useEffect). An answer that lands after the deps changed again or the component unmounted
 * is dropped: it belongs to a request the screen no longer shows. `load` returning null means
 * there is nothing to load yet.
 */
export function useLoaded<T>(load: () => Promise<T> | null, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ value: null, error: null });
  useEffect(() => {
    const pending = load();
    if (!pending) return;
    let live = true;
    pending.then(
      (value) => live && setState({ value, error: null }),
      (error: unknown) => live && setState((s) => ({ value: s.value, error: asApiError(error) })),
    );
    return () => {
      live = false;
    };
    // `load` is a new closure every render; `deps` says when it reads something new.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps stand for load's (as for useEffect)
  }, deps);
  return state;
}
