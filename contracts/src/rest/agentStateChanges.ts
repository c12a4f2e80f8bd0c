import { z } from 'zod';
import { AgentNotReadyReason, AgentState } from '../vocabulary/agent';
import { IsoInstant } from '../vocabulary/time';

/**
 * An agent's state changes (telephony → crm-api, POST /api/internal/agent-state-changes): every
 * committed move of telephony's agent state machine, so reports can measure staffed time (any
 * state but offline) and occupancy against it (KPI_FORMULAS.occupancyStaffed).
 */
export const AgentStateChangeV1 = z.object({
  /** Unique per change (uuid chosen by telephony): a re-sent change is stored once. */
  id: z.string().min(1).max(100),
  agentId: z.string().min(1).max(100),
  from: AgentState,
  to: AgentState,
  /** The Not ready reason of `to` (null in other states). */
  reason: AgentNotReadyReason.nullable(),
  /** The call the agent holds in `to` (reserved, ringing, on call, wrap-up), or null. */
  callId: z.string().min(1).max(100).nullable(),
  /** When `to` began (the agent record's `since`). */
  at: IsoInstant,
});
export type AgentStateChangeV1 = z.infer<typeof AgentStateChangeV1>;

export const AgentStateChangeBatch = z.object({ changes: z.array(AgentStateChangeV1).min(1).max(500) });
export type AgentStateChangeBatch = z.infer<typeof AgentStateChangeBatch>;

/** The answer: how many changes were new and how many re-sent. */
export const AgentStateChangeIngestResult = z.object({
  stored: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
});
export type AgentStateChangeIngestResult = z.infer<typeof AgentStateChangeIngestResult>;
