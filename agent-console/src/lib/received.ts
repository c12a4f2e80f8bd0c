/** A value as it arrived, with the browser-clock time (ms) it came. */
export interface Received<T> {
  value: T;
  receivedAt: number;
}
