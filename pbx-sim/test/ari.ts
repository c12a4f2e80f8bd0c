import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';

/**
 * ari-client 2.2.0 ships no types. It is loaded through require with a deliberately loose type
 * of our own, so these tests do not declare (or clash with another package's declaration of)
 * the 'ari-client' module.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
export interface AriClient extends EventEmitter {
  start(apps: string | string[], subscribeAll?: boolean): Promise<void>;
  stop(): void;
  channels: Loose;
  bridges: Loose;
  recordings: Loose;
  Channel(id?: string): Loose;
  Bridge(id?: string): Loose;
  LiveRecording(id?: string): Loose;
}

const require = createRequire(import.meta.url);
const ari = require('ari-client') as { connect(url: string, user: string, pass: string): Promise<AriClient> };
export default ari;
