/**
 * One key per consultation form: the form keeps it across double clicks and retries so the
 * server stores the consultation once. `random` is injectable for tests.
 */
export function newIdempotencyKey(random: () => string = () => globalThis.crypto.randomUUID()): string {
  return `consult-${random()}`;
}
