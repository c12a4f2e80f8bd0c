/** The simulated PBX state. Plain data; the engines in this folder mutate it. */

export type ChannelStateName = 'Down' | 'Rsrved' | 'OffHook' | 'Dialing' | 'Ring' | 'Ringing' | 'Up' | 'Busy';

export interface CallerId {
  name: string;
  number: string;
}

export interface SimChannel {
  id: string;
  name: string;
  tech: 'PJSIP' | 'Local' | 'Snoop' | 'Recorder';
  state: ChannelStateName;
  caller: CallerId;
  connected: CallerId;
  context: string;
  exten: string;
  priority: number;
  appName: string;
  appData: string;
  /** What app_name/app_data fall back to outside Stasis (AppDial2 for dialled legs). */
  baseApp: { name: string; data: string };
  creationtime: number;
  language: string;
  /** For Local channels: 1 or 2 and the id of the other half. */
  half?: 1 | 2;
  peerId?: string;
  /** `/channels/create` made it and nobody dialled it yet: no dialplan runs, no events from its ;2. */
  dormant: boolean;
  /** Originated by ARI (or created): its id keeps being reported after StasisEnd (AppDial2). */
  originated: boolean;
  stasisApp: string | null;
  bridgeId: string | null;
  /** PJSIP endpoint like `PJSIP/1001`. */
  endpoint?: string;
  vars: Map<string, string>;
  /** Teardown has started (events may still be flowing). */
  hungUp: boolean;
  /** ARI asked for the hang-up; the channel already answers 404. */
  hangupRequested: boolean;
  /** Playback and channel-recording queue (head is active). */
  media: MediaItem[];
  /** Pending dial (ringing timer etc.). */
  dial?: DialState;
  /** Bridge whose BridgeDestroyed waits for this (dormant) channel to go. */
  pendingBridgeDestroyed?: SimBridgeSnapshot;
  snoopOf?: string;
}

export type MediaItem = { kind: 'playback'; id: string } | { kind: 'recording'; name: string };

export interface DialState {
  app: string | null;
  appArgs: string[];
  dialstring: string;
  timeoutSec: number;
  timeoutTimer?: { cancel(): void };
  answerTimer?: { cancel(): void };
}

export interface SimBridge {
  id: string;
  type: 'mixing' | 'holding';
  technology: string;
  name: string;
  channels: string[];
  /** Hidden recorder channels (count toward mixing technology, never listed). */
  recorders: string[];
  moh: boolean;
  creationtime: number;
  media: string[]; // playback queue
}

export type SimBridgeSnapshot = Record<string, unknown>;

export interface SimPlayback {
  id: string;
  media: string[];
  index: number;
  targetKind: 'channel' | 'bridge';
  targetId: string;
  language: string;
  state: 'queued' | 'playing' | 'continuing' | 'paused' | 'done' | 'failed';
  timer?: { cancel(): void; remainingSimMs(): number };
  pausedRemainingMs?: number;
  currentDurationMs: number;
}

export interface SimRecording {
  name: string;
  format: string;
  targetKind: 'channel' | 'bridge';
  targetId: string;
  state: 'queued' | 'recording' | 'paused' | 'done' | 'failed' | 'canceled';
  ifExists: 'fail' | 'overwrite' | 'append';
  maxDurationSeconds: number;
  /** Wall ms when recording started (after queueing), and paused bookkeeping. */
  startedWall?: number;
  pausedWall?: number;
  pausedTotalWall: number;
  app: string | null;
  recorderId?: string;
  maxTimer?: { cancel(): void };
  duration?: number;
  cause?: string;
}
