import { z } from 'zod';
import { SkillLevels } from './skills';
import { WrapUpCode } from './wrapUp';

/**
 * An agent's state as telephony owns it. `reserved` is the short moment between the ACD
 * picking an agent and the phone ringing; `wrapUp` is after-call work.
 */
export const AGENT_STATES = ['offline', 'notReady', 'ready', 'reserved', 'ringing', 'onCall', 'wrapUp'] as const;
export const AgentState = z.enum(AGENT_STATES);
export type AgentState = z.infer<typeof AgentState>;

/** The reasons an agent picks for Not ready. */
export const NOT_READY_REASONS = ['break', 'meal', 'training', 'meeting', 'admin', 'other'] as const;
export const NotReadyReason = z.enum(NOT_READY_REASONS);
export type NotReadyReason = z.infer<typeof NotReadyReason>;
/** Reasons only telephony sets: `disconnected` = the console was gone longer than the grace period. */
export const SYSTEM_NOT_READY_REASONS = ['disconnected'] as const;
/** Any reason an agent's Not ready carries: one they picked, or telephony's own. */
export const AgentNotReadyReason = z.enum([...NOT_READY_REASONS, ...SYSTEM_NOT_READY_REASONS]);
export type AgentNotReadyReason = z.infer<typeof AgentNotReadyReason>;

export const AgentSnapshot = z.object({
  agentId: z.string(),
  displayName: z.string(),
  state: AgentState,
  reason: AgentNotReadyReason.nullable(),
  skills: z.array(z.string()),
  /** Levels of `skills` (1–5); a skill without an entry (or no map: older telephony) is level 3. */
  skillLevels: SkillLevels.optional(),
  since: z.string(), // ISO-8601
  callId: z.string().nullable(),
  /** In wrap-up: when it ends by itself (ISO), unless held for an unsaved write-up. */
  wrapUpUntil: z.string().nullable().optional(),
  /** In wrap-up: waiting for the counselor's write-up to be saved or discarded. */
  wrapUpHeld: z.boolean().optional(),
  /** In wrap-up: the wrap-up code the counselor picked (후처리 코드), null until one is (absent from older telephony). */
  wrapUpCode: WrapUpCode.nullable().optional(),
});
export type AgentSnapshot = z.infer<typeof AgentSnapshot>;
