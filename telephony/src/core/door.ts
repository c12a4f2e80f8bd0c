/**
 * The door: whether this node takes new callers. Past what one process can set up (its CPU
 * saturated), every event it handles waits behind the others: callers already in the IVR hear
 * their prompts late, offers go out late, and what a minute of overload piles up takes minutes to
 * drain. Refusing new callers at the door, before anything is spent on them, keeps the service of
 * the callers already in. The signal is the event loop's delay: how late this process runs what
 * is due. The door opens again only once the delay is back under half the limit, so a load at the
 * edge does not flap it open and shut on every measurement.
 */
export interface DoorLimits {
  /** Event-loop delay (ms, p99 over the last measurement) above which new callers are refused. Absent: never. */
  maxEventLoopDelayMs?: number | undefined;
}

/** Whether the door is closed after a measurement of `delayMs`, given whether it was closed. */
export function doorClosed(wasClosed: boolean, delayMs: number, limits: DoorLimits): boolean {
  const limit = limits.maxEventLoopDelayMs;
  if (limit === undefined) return false;
  return wasClosed ? delayMs > limit / 2 : delayMs > limit;
}
