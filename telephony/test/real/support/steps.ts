import type { QueueId } from '@cc1357/contracts';
import { type Center, type ConsoleClient, until } from '../../support/center';

/**
 * Steps of the real tier: what a caller hears is only known from telephony's own records (the
 * `ivr.step` events crm-api stores), so a caller presses a digit once the menu that takes it has
 * started, exactly as a person would, and each wait is bounded by the audio on the way.
 */

export async function callIdOf(center: Center, channelId: string, timeoutMs: number): Promise<string> {
  const node = center.telephony[0]?.node;
  if (!node) throw new Error('start telephony first');
  return until(
    () => center.state.callIdOfChannel(node, channelId),
    `telephony's call for channel ${channelId}`,
    timeoutMs,
  );
}

/** The IVR nodes a call went through, in order (crm-api's `ivr.step` events). */
export async function ivrNodes(center: Center, callId: string): Promise<string[]> {
  const { rows } = await center.db.query<{ node: string }>(
    `SELECT data->>'nodeId' AS node FROM call_events WHERE call_id = $1 AND type = 'ivr.step' ORDER BY at, (data->>'seq')::int`,
    [callId],
  );
  return rows.map((r) => r.node);
}

/** Waits until the call's IVR reached `node` (a node id, or its last path segment inside a subflow). */
export async function reached(center: Center, callId: string, node: string, timeoutMs: number): Promise<void> {
  const matches = (id: string) => id === node || id.endsWith(`/${node}`) || id.endsWith(`.${node}`);
  await until(
    async () => (await ivrNodes(center, callId)).some(matches),
    `call ${callId} at IVR node ${node}`,
    timeoutMs,
  );
}

export async function eventsOf(
  center: Center,
  callId: string,
): Promise<{ type: string; queue: string | null; agentId: string | null; at: Date; data: Record<string, unknown> }[]> {
  const { rows } = await center.db.query(
    'SELECT type, queue, agent_id AS "agentId", at, data FROM call_events WHERE call_id = $1 ORDER BY at, type',
    [callId],
  );
  return rows;
}

export async function waitForEvent(center: Center, callId: string, type: string, timeoutMs: number): Promise<void> {
  await until(
    async () => (await eventsOf(center, callId)).some((e) => e.type === type),
    `${type} of call ${callId} in crm-api`,
    timeoutMs,
  );
}

export async function queuedIn(center: Center, callId: string, queue: QueueId, timeoutMs: number): Promise<void> {
  await until(() => center.state.isQueued(queue, callId), `call ${callId} waiting in the ${queue} queue`, timeoutMs);
}

/** A console event, waited for as long as the audio before it may take. */
export async function consoleEvent<T = Record<string, unknown>>(
  agent: ConsoleClient,
  event: string,
  match: (p: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  return until(
    () => agent.received.find((r) => r.event === event && match(r.payload as T))?.payload as T | undefined,
    `console event ${event}`,
    timeoutMs,
  );
}

/**
 * Presses `digit` once the call's IVR is at menu `node` and again if the menu is still there a
 * moment later: a digit sent while the menu's prompt is only being set up can be missed, as a
 * person would find and press again. Resolves once the IVR has moved past `node`.
 */
export async function choose(
  center: Center,
  dtmf: (digit: string) => Promise<void>,
  callId: string,
  node: string,
  digit: string,
  timeoutMs: number,
): Promise<void> {
  await reached(center, callId, node, timeoutMs);
  const deadline = Date.now() + timeoutMs;
  const movedOn = async () => {
    const nodes = await ivrNodes(center, callId);
    const at = nodes.lastIndexOf(node);
    return at >= 0 && at < nodes.length - 1;
  };
  for (;;) {
    await dtmf(digit);
    try {
      await until(movedOn, `call ${callId} past ${node} after ${digit}`, 2_500);
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
  }
}
