import type { LiveCall } from '../../core/call';

/**
 * The calls this process saves, as it last saved them, and their channels: read here instead of
 * in Redis. Only a call's own node writes it (every other node only reads it), so the copy of the
 * process that saved it is never behind Redis. At 80 calls/s each call's reads were some twenty
 * round trips, each one a turn of the busy event loop in the middle of the call's chain.
 *
 * Kept as text (what Redis is sent) and parsed on each read, so no reader can change another's
 * copy. A call is held from its save until it is forgotten or its save fails (then Redis, where
 * the save may or may not have landed, is asked again).
 */
export class OwnCalls {
  private readonly json = new Map<string, string>();
  /** channel key → call id, for this process's calls (a key is node + channel: ids of two PBXs may collide). */
  private readonly callOfChannel = new Map<string, string>();
  /** call id → its node and every channel ever saved with it (old agent legs included). */
  private readonly channelsOfCall = new Map<string, { node: string; channelIds: Set<string> }>();

  /** `channels`: the call's channels as `channelsOf` lists them. */
  saving(call: LiveCall, json: string, channels: Record<string, string>): void {
    this.json.set(call.callId, json);
    let known = this.channelsOfCall.get(call.callId);
    if (!known) this.channelsOfCall.set(call.callId, (known = { node: call.node, channelIds: new Set() }));
    for (const channelId of Object.keys(channels)) {
      known.channelIds.add(channelId);
      this.callOfChannel.set(channelKey(call.node, channelId), call.callId);
    }
  }

  /** A save that failed: forgotten here only if no later save replaced it meanwhile. */
  saveFailed(call: LiveCall, json: string): void {
    if (this.json.get(call.callId) === json) this.forget(call.callId);
  }

  /** Drops the call; returns every channel it was saved with (to clear from the index too). */
  forget(callId: string): string[] {
    this.json.delete(callId);
    const known = this.channelsOfCall.get(callId);
    if (!known) return [];
    this.channelsOfCall.delete(callId);
    for (const channelId of known.channelIds) {
      const key = channelKey(known.node, channelId);
      if (this.callOfChannel.get(key) === callId) this.callOfChannel.delete(key);
    }
    return [...known.channelIds];
  }

  /** The call as saved here; undefined when this process does not hold it (ask Redis). */
  call(callId: string): LiveCall | undefined {
    const json = this.json.get(callId);
    return json === undefined ? undefined : (JSON.parse(json) as LiveCall);
  }

  callIdOfChannel(node: string, channelId: string): string | undefined {
    return this.callOfChannel.get(channelKey(node, channelId));
  }
}

function channelKey(node: string, channelId: string): string {
  return `${node}\u0000${channelId}`;
}
