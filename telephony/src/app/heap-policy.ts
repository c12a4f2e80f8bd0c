import { setFlagsFromString } from 'node:v8';

/**
 * How much memory the process keeps beyond what it uses.
 *
 * A call's own state is small (heap snapshots: about 3 KB of live heap per connected call), but
 * every call setup makes short- and mid-lived objects (ARI requests, Redis replies, events) that
 * outlive a young-generation collection and die in the old generation. When collections are
 * cheap V8 lets the old generation grow to about four times what the last full collection kept
 * before it collects again: with 2,000 calls held, 100 MB live became 400 MB of heap and 516 MB
 * of RSS. A growth of 50 % collects sooner, at a few more full collections (incremental, tens of
 * ms each), and kept the same hold at 289 MB (`npm run bench -- --only control-plane`).
 *
 * V8 reads the flag at each full collection, so setting it once at start applies from then on.
 */
export function applyHeapPolicy(growingPercent: number): void {
  if (growingPercent > 0) setFlagsFromString(`--heap-growing-percent=${growingPercent}`);
}
