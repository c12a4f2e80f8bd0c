import {
  type SupervisorActionAuditResult,
  type SupervisorActionAuditV1,
  normalizeSkillLevels,
} from '@cc1357/contracts';
import { inTransaction } from '../db/pool';
import { writeAudit } from '../repositories/audit';
import { replaceSkillProfileOfAgent } from '../repositories/users';
import type { ServiceContext } from './context';

/**
 * A supervisor's action on a counselor, reported by telephony (which checked the supervisor's
 * token and applied it): one audit row (who, whom, what, when) beside the other audited actions,
 * and for a skills change the user's stored skills, so the next login's token carries them.
 * One transaction: the skills never change unaudited.
 */
export async function recordSupervisorAction(
  ctx: ServiceContext,
  body: SupervisorActionAuditV1,
): Promise<SupervisorActionAuditResult> {
  return inTransaction(ctx.db, async (tx) => {
    let userUpdated = false;
    let before: { skills: string[]; skillLevels: Record<string, number> } | null = null;
    const skillLevels = body.skills ? normalizeSkillLevels(body.skills, body.skillLevels) : {};
    if (body.action === 'skills' && body.skills) {
      before = await replaceSkillProfileOfAgent(tx, body.agentId, body.skills, skillLevels);
      userUpdated = before !== null;
    }
    await writeAudit(tx, {
      actorId: body.supervisor.userId,
      actorName: body.supervisor.name,
      actorRole: body.supervisor.role,
      action: `supervisor.agent.${body.action}`,
      subjectType: 'agent',
      subjectId: body.agentId,
      details: {
        ...(body.reason ? { reason: body.reason } : {}),
        // `before` stays the skills list it always was; levels (when any) sit beside it.
        ...(body.skills ? { skills: body.skills, before: before?.skills ?? null } : {}),
        ...(body.skills && (Object.keys(skillLevels).length > 0 || Object.keys(before?.skillLevels ?? {}).length > 0)
          ? { skillLevels, levelsBefore: before?.skillLevels ?? null }
          : {}),
      },
      at: new Date(body.at),
    });
    return { userUpdated };
  });
}
