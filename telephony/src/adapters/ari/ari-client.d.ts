// ari-client 2.2.0 ships no types; this declares the little telephony touches (see client.ts).
declare module 'ari-client' {
  import type { EventEmitter } from 'node:events';
  type Op = (params?: Record<string, unknown>) => Promise<unknown>;
  export interface AriClient extends EventEmitter {
    start(apps: string | string[], subscribeAll?: boolean): Promise<void>;
    stop(): void;
    channels: Record<string, Op>;
    bridges: Record<string, Op>;
    playbacks: Record<string, Op>;
    recordings: Record<string, Op>;
    applications: Record<string, Op>;
    endpoints: Record<string, Op>;
    _swagger?: { apis?: { events?: { models?: Record<string, unknown> } } };
    _ws?: unknown;
  }
  const ari: { connect(url: string, user: string, pass: string): Promise<AriClient> };
  export default ari;
}
