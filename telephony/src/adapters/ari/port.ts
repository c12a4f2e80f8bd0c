/**
 * What the call logic needs from Asterisk, as a narrow port. `client.ts` implements it over
 * ari-client; tests could implement it in memory. Operations where "already gone" is the
 * desired end state (hangup, stop, destroy, removeChannel) resolve on 404.
 */
export interface AriChannelInfo {
  id: string;
  name: string;
  state: string;
}

export interface OriginateRequest {
  endpoint: string;
  channelId: string;
  appArgs: string;
  timeoutSeconds: number;
  callerId: string;
}

export interface AriPort {
  answer(channelId: string): Promise<void>;
  hangup(channelId: string): Promise<void>;
  play(channelId: string, media: string[], playbackId: string): Promise<void>;
  stopPlayback(playbackId: string): Promise<void>;
  createBridge(bridgeId: string, type: 'holding' | 'mixing'): Promise<void>;
  addChannels(bridgeId: string, channelIds: string[]): Promise<void>;
  removeChannel(bridgeId: string, channelId: string): Promise<void>;
  startMoh(bridgeId: string): Promise<void>;
  stopMoh(bridgeId: string): Promise<void>;
  destroyBridge(bridgeId: string): Promise<void>;
  recordBridge(bridgeId: string, name: string, format: string): Promise<void>;
  originate(request: OriginateRequest): Promise<void>;
  listChannels(): Promise<AriChannelInfo[]>;
  playbackExists(playbackId: string): Promise<boolean>;
}

/** A raw ARI event as it came off the socket (validated per type by `events.ts`). */
export type RawAriEvent = { type: string } & Record<string, unknown>;
