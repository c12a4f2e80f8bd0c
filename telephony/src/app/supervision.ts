import {
  type NotReadyReason,
  type QueueId,
  type SkillLevels,
  type SupervisorAction,
  type SupervisorActionAuditV1,
  normalizeSkillLevels,
} from '@cc1357/contracts';
import type { Logger } from 'pino';
import type { ConsoleBus } from '../adapters/console/bus';
import type { AgentSupervisionStore } from '../adapters/redis/agent-supervision';
import type { LiveState } from '../adapters/redis/live-state';
import type { Scheduler } from '../clock/scheduler';
import { TelephonyError } from '../core/errors';
import { supervisorRefusal } from '../core/supervision';
import type { AgentService } from './agent-service';

/** The supervisor acting, from their token. */
export interface ActingSupervisor {
  userId: string;
  name: string;
  role: string;
}

export interface SupervisionDeps {
  state: LiveState;
  agents: AgentService;
  store: AgentSupervisionStore;
  bus: ConsoleBus;
  scheduler: Scheduler;
  log: Logger;
  /** crm-api's audit (and stored skills); throws when crm-api did not take it. */
  audit(entry: SupervisorActionAuditV1): Promise<unknown>;
}

/**
 * A supervisor's actions on a counselor: force Not ready, log out, change skills. Each is
 * checked (an agent with a caller is refused), applied through the agent machine (so a race
 * with the ACD ends in a clean refusal, never a half change), audited in crm-api's audit log and
 * told to the counselor's console (`agent.supervised.v1`).
 *
 * Order: skills are stored and audited in crm-api first (a change crm-api cannot record is
 * refused, UNAVAILABLE), then applied; Not ready and log out are applied first (the supervisor
 * needs them now, even with crm-api down) and their audit row written after — a failed audit
 * is logged as an error with the whole entry.
 */
export class SupervisorActions {
  constructor(private readonly deps: SupervisionDeps) {}

  async notReady(by: ActingSupervisor, agentId: string, reason: NotReadyReason): Promise<void> {
    await this.refuseIfBusy(agentId, 'notReady');
    await this.applyChecked(agentId, { type: 'notReady', reason }, 'notReady');
    await this.after(by, agentId, 'notReady', { reason });
  }

  async logout(by: ActingSupervisor, agentId: string): Promise<void> {
    await this.refuseIfBusy(agentId, 'logout');
    await this.applyChecked(agentId, { type: 'logout' }, 'logout');
    await this.after(by, agentId, 'logout', {});
  }

  async skills(by: ActingSupervisor, agentId: string, skills: QueueId[], levels?: SkillLevels): Promise<void> {
    const skillLevels = normalizeSkillLevels(skills, levels);
    const { scheduler, store, agents } = this.deps;
    // Only agents telephony knows (logged in at least once): a typo never reaches the audit log.
    if (!(await this.deps.state.getAgent(agentId)))
      throw new TelephonyError('NOT_FOUND', `agent ${agentId} has never logged in`);
    const at = scheduler.now();
    try {
      await this.deps.audit(this.entry(by, agentId, 'skills', { skills, skillLevels }, at));
    } catch (err) {
      throw new TelephonyError(
        'UNAVAILABLE',
        `skills not changed: crm-api could not record the change (${String(err)})`,
      );
    }
    await store.setSkills(agentId, skills, at, skillLevels);
    await agents.apply(agentId, { type: 'skills', skills, skillLevels });
    this.deps.bus.nudgeDispatch(); // a waiting caller may now match them
    this.tell(by, agentId, 'skills', { skills, skillLevels }, at);
  }

  private async refuseIfBusy(agentId: string, action: 'notReady' | 'logout'): Promise<void> {
    const current = await this.deps.state.getAgent(agentId);
    const why = supervisorRefusal(current?.value ?? null, action);
    if (why)
      throw new TelephonyError(current && current.value.state !== 'offline' ? 'INVALID_STATE' : 'NOT_FOUND', why);
  }

  /** The machine has the last word: a call offered between the check and the change is refused too. */
  private async applyChecked(
    agentId: string,
    event: { type: 'notReady'; reason: NotReadyReason } | { type: 'logout' },
    action: 'notReady' | 'logout',
  ): Promise<void> {
    try {
      await this.deps.agents.apply(agentId, event);
    } catch (err) {
      if (err instanceof TelephonyError && err.code === 'INVALID_STATE') {
        const now = await this.deps.state.getAgent(agentId);
        throw new TelephonyError('INVALID_STATE', supervisorRefusal(now?.value ?? null, action) ?? err.message);
      }
      throw err;
    }
  }

  private async after(
    by: ActingSupervisor,
    agentId: string,
    action: SupervisorAction,
    extra: { reason?: NotReadyReason },
  ): Promise<void> {
    const at = this.deps.scheduler.now();
    this.tell(by, agentId, action, extra, at);
    const entry = this.entry(by, agentId, action, extra, at);
    await this.deps
      .audit(entry)
      .catch((err: unknown) =>
        this.deps.log.error({ err: String(err), audit: entry }, 'supervisor action applied but not audited in crm-api'),
      );
  }

  private entry(
    by: ActingSupervisor,
    agentId: string,
    action: SupervisorAction,
    extra: { reason?: NotReadyReason; skills?: QueueId[]; skillLevels?: SkillLevels },
    at: Date,
  ): SupervisorActionAuditV1 {
    return {
      supervisor: by,
      agentId,
      action,
      reason: extra.reason ?? null,
      skills: extra.skills ?? null,
      // Only when some level differs from the default: an audit without levels reads as before.
      ...(extra.skillLevels && Object.keys(extra.skillLevels).length > 0 ? { skillLevels: extra.skillLevels } : {}),
      at: at.toISOString(),
    };
  }

  private tell(
    by: ActingSupervisor,
    agentId: string,
    action: SupervisorAction,
    extra: { reason?: NotReadyReason; skills?: string[]; skillLevels?: SkillLevels },
    at: Date,
  ): void {
    this.deps.bus.toAgent(agentId, 'agent.supervised.v1', {
      action,
      by: by.name,
      reason: extra.reason ?? null,
      skills: extra.skills ?? null,
      ...(extra.skillLevels ? { skillLevels: extra.skillLevels } : {}),
      at: at.toISOString(),
    });
  }
}
