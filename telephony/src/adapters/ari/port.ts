/**
 * What the call logic needs from Asterisk, as a narrow port. `client.ts` implements it over
 * ari-client; tests could implement it in memory. Operations where "already gone" is the
 * desired end state (hangup, stop, destroy) resolve on 404.
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

export type MuteDirection = 'in' | 'out' | 'both';

export interface SnoopRequest {
  channelId: string;
  snoopId: string;
  spy: 'none' | MuteDirection;
  whisper: 'none' | MuteDirection;
  appArgs: string;
}

/**
 * Why a channel is hung up, in the names of ARI's `DELETE /channels/{id}?reason=` (channels.json).
 * Asterisk turns each into a Q.850 cause, and chan_pjsip tells a caller not yet answered the SIP
 * status of that cause: `congestion` (34) is 503 Service Unavailable, "try again later"; no reason
 * is `normal` (16), which such a caller gets as 603 Decline (both seen on Asterisk 22.10.1).
 */
export const HANGUP_REASONS = [
  'normal',
  'busy',
  'congestion',
  'no_answer',
  'timeout',
  'rejected',
  'unallocated',
  'normal_unspecified',
  'number_incomplete',
  'codec_mismatch',
  'interworking',
  'failure',
  'answered_elsewhere',
] as const;
export type HangupReason = (typeof HANGUP_REASONS)[number];

export interface AriPort {
  answer(channelId: string): Promise<void>;
  /** `reason`: what the far end is told (see HangupReason); none is Asterisk's default, `normal`. */
  hangup(channelId: string, reason?: HangupReason): Promise<void>;
  play(channelId: string, media: string[], playbackId: string): Promise<void>;
  stopPlayback(playbackId: string): Promise<void>;
  createBridge(bridgeId: string, type: 'holding' | 'mixing'): Promise<void>;
  addChannels(bridgeId: string, channelIds: string[]): Promise<void>;
  /** `in`: the audio coming from the channel's device (what its user says) is dropped. */
  mute(channelId: string, direction: MuteDirection): Promise<void>;
  unmute(channelId: string, direction: MuteDirection): Promise<void>;
  startMoh(bridgeId: string): Promise<void>;
  stopMoh(bridgeId: string): Promise<void>;
  destroyBridge(bridgeId: string): Promise<void>;
  recordBridge(bridgeId: string, name: string, format: string): Promise<void>;
  /** Pause / resume a live recording (pausing twice is fine, as on Asterisk). */
  pauseRecording(name: string): Promise<void>;
  unpauseRecording(name: string): Promise<void>;
  /** A snoop channel on `channelId` entering our app with `appArgs` (404 when the target is gone). */
  snoop(request: SnoopRequest): Promise<void>;
  originate(request: OriginateRequest): Promise<void>;
  listChannels(): Promise<AriChannelInfo[]>;
  playbackExists(playbackId: string): Promise<boolean>;
  /** False once Asterisk answers 404 (the channel hung up). */
  channelExists(channelId: string): Promise<boolean>;
  /** The channels in a bridge; null if the bridge does not exist. */
  bridgeChannels(bridgeId: string): Promise<string[] | null>;
  /** An endpoint such as `PJSIP/1001`: its state and the channels it has now; null if Asterisk does not know it. */
  endpoint(endpoint: string): Promise<AriEndpointInfo | null>;
}

export interface AriEndpointInfo {
  /** `online`, `offline` or `unknown` (ARI's Endpoint.state). */
  state: string;
  channelIds: string[];
}

/** A raw ARI event as it came off the socket (validated per type by `events.ts`). */
export type RawAriEvent = { type: string } & Record<string, unknown>;
