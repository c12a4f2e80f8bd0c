import type { ConsoleClient } from './center';

/**
 * One console per counselor (issue 16): a second console of the same agent takes the session over
 * and the first is told `session.replaced.v1` and disconnected. A scenario that opens a second
 * console to look at what a (re)connecting console is shown gives the session back to the first
 * with this: it waits for the first to be replaced, then connects it again (which takes over again).
 */
export async function takeBack(first: ConsoleClient): Promise<void> {
  await first.next('session.replaced.v1');
  if (first.socket.connected) await new Promise<void>((resolve) => first.socket.once('disconnect', () => resolve()));
  const connected = new Promise<void>((resolve) => first.socket.once('connect', () => resolve()));
  first.socket.connect();
  await connected;
}
