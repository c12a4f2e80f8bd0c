import { AriRequestError } from '../adapters/ari/errors';
import type { AriPort } from '../adapters/ari/port';

/**
 * Puts a caller in the call's holding bridge with music, from whatever part of that is already
 * done: a caller re-queued after a refused partner transfer is still in the bridge made for the
 * transfer (creating it again would be a 409 and skip the rest). Safe to repeat.
 */
export async function moveToHold(ari: AriPort, bridgeId: string, channelId: string): Promise<void> {
  let members = await ari.bridgeChannels(bridgeId);
  if (members === null) {
    try {
      await ari.createBridge(bridgeId, 'holding');
    } catch (err) {
      // Made a moment ago by another path of the same call: fine, it is the bridge we want.
      if (!(err instanceof AriRequestError && err.status === 409)) throw err;
    }
    members = [];
  }
  if (!members.includes(channelId)) await ari.addChannels(bridgeId, [channelId]);
  await ari.startMoh(bridgeId);
}
