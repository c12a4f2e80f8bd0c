/**
 * A batch's rows in one order by `key`, so two transactions writing overlapping rows lock them in
 * the same order and cannot deadlock. Code-unit order, not localeCompare: the same in every
 * process whatever its locale.
 */
export function inLockOrder<T>(rows: readonly T[], key: (row: T) => string): T[] {
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
