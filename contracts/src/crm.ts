import { z } from 'zod';

/** `GET /api/agents` (crm-api): the roster telephony loads — active users who take calls. */
export const AgentRosterEntry = z.object({
  agentId: z.string(),
  username: z.string(),
  displayName: z.string(),
  /** Queue ids (contracts QUEUES skills) the agent can take. */
  skills: z.array(z.string()),
});
export type AgentRosterEntry = z.infer<typeof AgentRosterEntry>;
export const AgentRoster = z.array(AgentRosterEntry);

/** `POST /api/internal/call-events` answer: how many events were new and how many re-sent. */
export const CallEventIngestResult = z.object({
  stored: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
});
export type CallEventIngestResult = z.infer<typeof CallEventIngestResult>;
