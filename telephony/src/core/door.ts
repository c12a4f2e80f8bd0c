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
  /**
   * Most new callers taken per second (a token bucket holding one second of them); the rest are
   * refused at the door. Absent: no limit. The delay above sees this process fall behind, not the
   * machine: on a shared host the PBX, the database or crm-api may be what is saturated while
   * telephony's own loop keeps up, and callers taken then pile up in the IVR (bench control-plane:
   * after 120/s for a minute on a floor that serves about 80/s, the IVR's backlog still delayed
   * callers a minute later). An operator sets it a little under what the site sustains.
   */
  maxCallsPerSecond?: number | undefined;
}

/** Whether the door is closed after a measurement of `delayMs`, given whether it was closed. */
export function doorClosed(wasClosed: boolean, delayMs: number, limits: DoorLimits): boolean {
  const limit = limits.maxEventLoopDelayMs;
  if (limit === undefined) return false;
  return wasClosed ? delayMs > limit / 2 : delayMs > limit;
}

/** The arrival bucket: tokens left, as of `atMs`. */
export interface ArrivalBucket {
  tokens: number;
  atMs: number;
}

/**
 * One new caller at `nowMs` against a limit of `perSecond`: taken when a token is left. The bucket
 * refills at `perSecond` a second and holds at most one second's worth (a full one at the start),
 * so a burst of one second's callers is taken at once and a steady rate above the limit is cut to it.
 */
export function takeArrival(
  bucket: ArrivalBucket | null,
  nowMs: number,
  perSecond: number,
): { taken: boolean; bucket: ArrivalBucket } {
  const start = bucket ?? { tokens: perSecond, atMs: nowMs };
  const elapsedMs = Math.max(0, nowMs - start.atMs);
  const tokens = Math.min(perSecond, start.tokens + (elapsedMs * perSecond) / 1000);
  if (tokens >= 1) return { taken: true, bucket: { tokens: tokens - 1, atMs: nowMs } };
  return { taken: false, bucket: { tokens, atMs: nowMs } };
}
