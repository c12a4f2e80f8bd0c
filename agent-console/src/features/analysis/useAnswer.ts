import { useEffect, useState } from 'react';
import { asApiError, type ApiError } from '../../api/errors';

export interface Answer<A> {
  data: A | null;
  error: ApiError | null;
  /** A request is under way (the screen says so and keeps the last answer until the new one lands). */
  loading: boolean;
}

/** Loads `load(query)` for each new query object; an answer to an older query is dropped. */
export function useAnswer<Q, A>(load: (query: Q) => Promise<A>, query: Q): Answer<A> {
  const [answer, setAnswer] = useState<{ query: Q | null; data: A | null; error: ApiError | null }>({
    query: null,
    data: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    load(query).then(
      (data) => live && setAnswer({ query, data, error: null }),
      (error: unknown) => live && setAnswer((a) => ({ query, data: a.data, error: asApiError(error) })),
    );
    return () => {
      live = false;
    };
  }, [load, query]);
  return { data: answer.data, error: answer.error, loading: answer.query !== query };
}
