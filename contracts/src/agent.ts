import { z } from 'zod';

/**
 * An agent's state as telephony owns it. `reserved` is the short moment between the ACD
 * picking an agent and the phone ringing; `wrapUp` is after-call work.
 */
export const AGENT_STATES = ['offline', 'notReady', 'ready', 'reserved', 'ringing', 'onCall', 'wrapUp'] as const;
export const AgentState = z.enum(AGENT_STATES);
export type AgentState = z.infer<typeof AgentState>;

export const NOT_READY_REASONS = ['break', 'meal', 'training', 'meeting', 'admin', 'other'] as const;
export const NotReadyReason = z.enum(NOT_READY_REASONS);
export type NotReadyReason = z.infer<typeof NotReadyReason>;

export const AgentSnapshot = z.object({
  agentId: z.string(),
  displayName: z.string(),
  state: AgentState,
  reason: NotReadyReason.nullable(),
  skills: z.array(z.string()),
  since: z.string(), // ISO-8601
  callId: z.string().nullable(),
});
export type AgentSnapshot = z.infer<typeof AgentSnapshot>;
