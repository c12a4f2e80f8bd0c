import type { PbxSim } from '../src/index';
import type { EventSocket } from './helpers';
import { authHeader } from './helpers';
import { ModelValidator, servedModels } from './spec-validate';

/** Every frame a socket received must be a valid, declared ARI event. */
export async function invalidFrames(s: PbxSim, ...sockets: EventSocket[]): Promise<string[]> {
  const validator = new ModelValidator((await servedModels(s.url, authHeader(s))).models);
  return sockets.flatMap((sock) => sock.events.flatMap((e) => validator.checkEvent(e)));
}
