import type { SupervisorActionAuditResult, SupervisorActionAuditV1 } from '@cc1357/contracts';
import { inTransaction } from '../db/pool';
import { writeAudit } from '../repositories/audit';
import { replaceSkillsOfAgent } from '../repositories/users';
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
    let before: string[] | null = null;
    if (body.action === 'skills' && body.skills) {
      before = await replaceSkillsOfAgent(tx, body.agentId, body.skills);
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
        ...(body.skills ? { skills: body.skills, before } : {}),
      },
      at: new Date(body.at),
    });
    return { userUpdated };
  });
}
