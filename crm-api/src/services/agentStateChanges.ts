import type { AgentStateChangeBatch, AgentStateChangeIngestResult } from '@cc1357/contracts';
import { insertAgentStateChanges } from '../repositories/agentStateChanges';
import type { ServiceContext } from './context';

/**
 * Stores telephony's agent state changes once each (by id). Nothing is derived at ingest: the
 * report orders an agent's changes by time, so batches may arrive in any order.
 */
export async function ingestAgentStateChanges(
  ctx: ServiceContext,
  batch: AgentStateChangeBatch,
): Promise<AgentStateChangeIngestResult> {
  const stored = await insertAgentStateChanges(ctx.db, batch.changes);
  ctx.log.debug({ stored: stored.length }, 'agent state changes ingested');
  return { stored: stored.length, duplicates: batch.changes.length - stored.length };
}
