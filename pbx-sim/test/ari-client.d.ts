// Minimal typing of the parts of ari-client 2.2.0 the tests use (it ships no types).
declare module 'ari-client' {
  import type { EventEmitter } from 'node:events';
  export interface AriClient extends EventEmitter {
    start(apps: string | string[], subscribeAll?: boolean): Promise<void>;
    stop(): void;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    [resource: string]: any;
  }
  const ari: { connect(url: string, user: string, pass: string): Promise<AriClient> };
  export default ari;
}
