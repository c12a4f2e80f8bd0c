import { z } from 'zod';
import { SkillLevels } from '../vocabulary/skills';
import { QueueId } from '../vocabulary/center';

/** Statistics and the agent roster (supervisors, and telephony's floor). */

export const QueueDayStats = z.object({
  queue: QueueId,
  offered: z.number().int(),
  answered: z.number().int(),
  abandoned: z.number().int(),
  /** Answered within the queue's threshold ÷ (answered + abandoned − short abandons). */
  serviceLevel: z.number().nullable(),
  /** Average speed of answer in seconds. */
  asaSeconds: z.number().nullable(),
  /**
   * The service level's counts, so a total over queues is exact (Σ within ÷ Σ base, not an
   * average of ratios). Optional: an older crm-api omits them.
   */
  answeredWithinThreshold: z.number().int().optional(),
  shortAbandons: z.number().int().optional(),
});
export type QueueDayStats = z.infer<typeof QueueDayStats>;

/** GET /api/stats/today */
export const DayStats = z.object({
  date: z.string(), // YYYY-MM-DD in Asia/Seoul
  queues: z.array(QueueDayStats),
});
export type DayStats = z.infer<typeof DayStats>;

/* ---------- IVR drop-out report (GET /api/stats/ivr-dropout?date=YYYY-MM-DD) ---------- */

export const IvrDropoutNode = z.object({
  nodeId: z.string(),
  flow: z.string().nullable(),
  nodeType: z.string().nullable(),
  /** Prompt texts the caller heard at that node, when the step event carried them. */
  promptText: z.string().nullable(),
  /** Calls whose last IVR node was this one when they hung up. */
  calls: z.number().int(),
});
export type IvrDropoutNode = z.infer<typeof IvrDropoutNode>;

export const IvrDropoutReport = z.object({
  date: z.string(), // YYYY-MM-DD, Asia/Seoul; a call counts for the day it arrived
  /** Calls that ran at least one IVR step. */
  enteredIvr: z.number().int(),
  /** Of those, calls that ended in the IVR without an outcome (hung up mid-menu). */
  leftInIvr: z.number().int(),
  /** Calls whose IVR finished with an outcome (queue, transfer, callback, sms or a designed hang-up). */
  reachedOutcome: z.number().int(),
  /** Calls still in the IVR (no end yet) when the report was made. */
  stillInIvr: z.number().int(),
  outcomes: z.record(z.string(), z.number().int()),
  /** Where callers left, most first. */
  byLastNode: z.array(IvrDropoutNode),
});
export type IvrDropoutReport = z.infer<typeof IvrDropoutReport>;

/* ---------- agents ---------- */

/** `GET /api/agents` (crm-api): the roster telephony loads — active users who take calls. */
export const AgentRosterEntry = z.object({
  agentId: z.string(),
  username: z.string(),
  displayName: z.string(),
  /** Queue ids (contracts QUEUES skills) the agent can take. */
  skills: z.array(z.string()),
  /** Levels of `skills` that differ from the default (1–5; absent = all at the default). */
  skillLevels: SkillLevels.optional(),
});
export type AgentRosterEntry = z.infer<typeof AgentRosterEntry>;
export const AgentRoster = z.array(AgentRosterEntry);
