import { AriRequestError } from '../adapters/ari/errors';
import type { AriPort } from '../adapters/ari/port';

/**
 * Puts a caller in the call's holding bridge with music, from whatever part of that is already
 * done: a caller re-queued after a refused partner transfer is still in the bridge made for the
 * transfer, and a caller put on hold again finds the bridge of the first hold. Safe to repeat.
 *
 * The bridge is created first and only looked at when it exists (409, ARI-FACTS §7): most calls
 * are put on hold once, and asking first cost every one of them a request answered 404.
 */
export async function moveToHold(ari: AriPort, bridgeId: string, channelId: string): Promise<void> {
  let members: string[] = [];
  try {
    await ari.createBridge(bridgeId, 'holding');
  } catch (err) {
    if (!(err instanceof AriRequestError && err.status === 409)) throw err;
    // Made before (an earlier hold, a transfer, another path of the same call a moment ago): it
    // is the bridge we want; the caller may be in it already. Gone again in between: no members.
    members = (await ari.bridgeChannels(bridgeId)) ?? [];
  }
  if (!members.includes(channelId)) await ari.addChannels(bridgeId, [channelId]);
  await ari.startMoh(bridgeId);
}
