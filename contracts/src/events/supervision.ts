import { z } from 'zod';
import { NotReadyReason } from '../vocabulary/agent';
import { QueueId } from '../vocabulary/center';
import { SkillLevels } from '../vocabulary/skills';
import { IsoInstant } from '../vocabulary/time';

/**
 * A supervisor's actions on a counselor (issue 16, Supervisor): force Not ready, log out of
 * telephony, change skills. Supervisors and admins only; each is audited in crm-api's audit log
 * (who, whom, what, when) and the counselor's console is told (`agent.supervised.v1`).
 *
 * An agent with a call (reserved, ringing, on a call) is refused Not ready and log out with
 * INVALID_STATE: the caller is never cut off, and the supervisor sees at once that nothing
 * changed (they can try again once the call is in wrap-up). Skills change in any state.
 */
const agentId = z.string().min(1).max(100);

export const SupervisorAgentNotReadyCommandV1 = z.object({ agentId, reason: NotReadyReason }).strict();
export type SupervisorAgentNotReadyCommandV1 = z.infer<typeof SupervisorAgentNotReadyCommandV1>;

export const SupervisorAgentLogoutCommandV1 = z.object({ agentId }).strict();
export type SupervisorAgentLogoutCommandV1 = z.infer<typeof SupervisorAgentLogoutCommandV1>;

/**
 * Skills are queue ids; the list replaces the agent's skills (empty = takes no queue). `levels`
 * (optional, additive) gives some of them a level 1–5; a skill without one is level 3, so a
 * command without `levels` means "every skill at the default level", as before levels existed.
 */
export const SupervisorAgentSkillsCommandV1 = z
  .object({
    agentId,
    skills: z
      .array(QueueId)
      .max(20)
      .refine((s) => new Set(s).size === s.length, 'skills must not repeat'),
    levels: SkillLevels.optional(),
  })
  .strict()
  .refine((c) => Object.keys(c.levels ?? {}).every((k) => (c.skills as string[]).includes(k)), {
    message: 'levels may only name skills in the list',
    path: ['levels'],
  });
export type SupervisorAgentSkillsCommandV1 = z.infer<typeof SupervisorAgentSkillsCommandV1>;

export const SupervisorAction = z.enum(['notReady', 'logout', 'skills']);
export type SupervisorAction = z.infer<typeof SupervisorAction>;

/** To the counselor: a supervisor changed their state or skills. */
export const AgentSupervisedV1 = z.object({
  action: SupervisorAction,
  /** The supervisor's name as the counselor knows them. */
  by: z.string(),
  reason: NotReadyReason.nullable(),
  skills: z.array(z.string()).nullable(),
  /** With a skills change: the levels that differ from the default (absent from older telephony). */
  skillLevels: SkillLevels.optional(),
  at: IsoInstant,
});
export type AgentSupervisedV1 = z.infer<typeof AgentSupervisedV1>;

/**
 * What the wallboard shows of an agent beyond their state (`floor.snapshot.v1` `details`): the
 * call they hold (masked number, company from the pop, queue) and today's handled calls with
 * their handle time (talk + wrap-up seconds, counted by telephony per Seoul day).
 */
export const FloorAgentDetailV1 = z.object({
  agentId: z.string(),
  call: z
    .object({
      callId: z.string(),
      queue: QueueId.nullable(),
      /** Masked ("010-****-5678"), or null when withheld. */
      callerNumber: z.string().nullable(),
      company: z.string().nullable(),
    })
    .nullable(),
  handledToday: z.number().int().nonnegative(),
  handleSecondsToday: z.number().nonnegative(),
});
export type FloorAgentDetailV1 = z.infer<typeof FloorAgentDetailV1>;

/** telephony → crm-api: one supervisor action to audit (and, for skills, to store on the user). */
export const SupervisorActionAuditV1 = z
  .object({
    supervisor: z.object({ userId: z.string().min(1), name: z.string().min(1), role: z.string().min(1) }),
    agentId,
    action: SupervisorAction,
    reason: NotReadyReason.nullable().default(null),
    skills: z.array(QueueId).nullable().default(null),
    /** With a skills change: levels of those skills (absent = every skill at the default level). */
    skillLevels: SkillLevels.optional(),
    at: IsoInstant,
  })
  .refine((e) => Object.keys(e.skillLevels ?? {}).every((k) => (e.skills as string[] | null)?.includes(k)), {
    message: 'skillLevels may only name skills in the list',
    path: ['skillLevels'],
  });
export type SupervisorActionAuditV1 = z.infer<typeof SupervisorActionAuditV1>;
export const SupervisorActionAuditResult = z.object({
  /** For a skills change: whether a user with this agent id was found and updated. */
  userUpdated: z.boolean(),
});
export type SupervisorActionAuditResult = z.infer<typeof SupervisorActionAuditResult>;
