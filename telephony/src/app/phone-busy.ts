import type { Logger } from 'pino';
import type { AriPort } from '../adapters/ari/port';

/** The dial string of an agent's phone (what the ACD originates to). */
export const agentEndpoint = (agentId: string) => `PJSIP/${agentId}`;

/**
 * Whether an agent's phone already has a call — one the dialplan's fallback queue put through while
 * telephony was down, or any other — so the ACD must not offer it a second one. ARI originate checks
 * nothing (ARI-FACTS §13), so we ask Asterisk for the endpoint's channels first. If Asterisk cannot
 * tell (no such endpoint, a failed request), the phone counts as free: the originate itself then
 * fails or rings as before.
 */
export async function phoneInUse(ari: AriPort, agentId: string, log: Logger): Promise<boolean> {
  try {
    const endpoint = await ari.endpoint(agentEndpoint(agentId));
    return !!endpoint && endpoint.channelIds.length > 0;
  } catch (err) {
    log.warn({ err: String(err), agent: agentId }, 'could not read the agent phone state; offering anyway');
    return false;
  }
}
