import type { Logger } from 'pino';
import { type AgentEvent, type AgentRecord, applyAgentEvent, newAgent, snapshotOf } from '../core/agent-state';
import { TelephonyError } from '../core/errors';
import { type ConsoleBus } from '../adapters/console/bus';
import type { AgentStateOutbox } from '../adapters/crm/agent-state-outbox';
import type { CallEventOutbox } from '../adapters/crm/outbox';
import type { LiveState } from '../adapters/redis/live-state';
import type { Scheduler, TimerHandle } from '../clock/scheduler';
import type { AgentSupervisionStore } from '../adapters/redis/agent-supervision';
import { handledDelta } from '../core/supervision';

/**
 * Applies agent events to the shared record in Redis (read → pure machine → compare-and-set,
 * retried on conflict), then tells the agent's console and nudges the ACD and wallboards.
 * Wrap-up ends by a local timer or, after a restart, by the periodic sweep — unless the console
 * holds it for an unsaved write-up (then it ends on a save, a discard, Ready or Not ready).
 */
export class AgentService {
  private readonly wrapTimers = new Map<string, TimerHandle>();
  private readonly inflight = new Set<Promise<AgentRecord>>();
  private closed = false;

  constructor(
    private readonly deps: {
      state: LiveState;
      bus: ConsoleBus;
      outbox: CallEventOutbox;
      /** Where agent state changes go for staffed time (absent: none are recorded). */
      agentStates?: AgentStateOutbox;
      scheduler: Scheduler;
      log: Logger;
      /** Counts each agent's handled calls and handle time for the wallboard (absent in small tests). */
      supervision?: AgentSupervisionStore;
    },
  ) {}

  /**
   * Applies one event to the agent (compare-and-set, retried when another write came first).
   * Tracked until done, so that shutdown (`settled`) lets a change under way record itself before
   * Redis closes: a wrap-up ending as the process stopped logged "Connection is closed" for its
   * state change and its `wrapUp.ended`.
   */
  apply(agentId: string, event: AgentEvent): Promise<AgentRecord> {
    const applying = this.applyOnce(agentId, event);
    this.inflight.add(applying);
    const forget = () => void this.inflight.delete(applying);
    applying.then(forget, forget);
    return applying;
  }

  /** Resolves once every change under way is done (shutdown, after `close`). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inflight]);
  }

  private async applyOnce(agentId: string, event: AgentEvent): Promise<AgentRecord> {
    const { state, scheduler } = this.deps;
    for (let attempt = 0; attempt < 20; attempt++) {
      const now = scheduler.now();
      const current = await state.getAgent(agentId);
      if (!current && event.type !== 'login')
        throw new TelephonyError('NOT_FOUND', `agent ${agentId} has never logged in`);
      // A first login starts from an offline record; the login event itself sets name and skills.
      const record = current?.value ?? newAgent(agentId, agentId, [], now);
      const result = applyAgentEvent(record, event, now);
      if (!result.ok) throw new TelephonyError(result.code, result.message);
      if (!result.changed && current) return result.agent;
      if (!(await state.casAgent(result.agent, current?.version ?? 0))) continue; // someone else moved first
      this.afterChange(record, result.agent);
      return result.agent;
    }
    throw new TelephonyError('CONFLICT', `agent ${agentId} is changing too fast; try again`);
  }

  /** Called for every committed change, including the ACD's reservation. */
  afterChange(before: AgentRecord, after: AgentRecord): void {
    const { bus, log } = this.deps;
    log.info(
      { agent: after.agentId, callId: after.callId ?? before.callId },
      `agent ${after.agentId} ${before.state} → ${after.state}`,
    );
    bus.toAgent(after.agentId, 'agent.state.v1', snapshotOf(after));
    bus.nudgeFloor();
    if (after.state === 'ready') bus.nudgeDispatch();
    if (after.state === 'wrapUp') this.scheduleWrapUp(after);
    const handled = handledDelta(before, after);
    // Counted, then the wallboard nudged again: its count must not wait for the next move.
    if (handled && this.deps.supervision)
      void this.deps.supervision
        .addHandled(after.agentId, new Date(after.since), handled)
        .then(() => bus.nudgeFloor())
        .catch((err: unknown) => log.warn({ err: String(err) }, 'could not count a handled call'));
    this.recordStateChange(before, after);
    if (before.state === 'wrapUp' && after.state !== 'wrapUp' && before.callId) {
      void this.deps.outbox
        .record({
          callId: before.callId,
          type: 'wrapUp.ended',
          at: after.since,
          agentId: after.agentId,
          // The counselor's wrap-up code (후처리 코드), null when none was picked before it ended.
          data: { next: after.state, code: before.wrapUpCode ?? null },
        })
        .catch((err: unknown) => log.error({ err: String(err) }, 'could not record wrapUp.ended'));
    }
  }

  /**
   * Every move of the state (or of the Not ready reason) goes to crm-api through its own outbox, for
   * staffed time in the reports. Every path commits through here (console commands, the ACD's
   * reservation, ring timeouts, the disconnect grace, supervisors); a change inside one state
   * (wrap-up held or extended, skills, a restored record) is not a move. One Redis append, not
   * awaited, and a failure is logged: recording never holds up or fails the agent's change.
   */
  private recordStateChange(before: AgentRecord, after: AgentRecord): void {
    const outbox = this.deps.agentStates;
    if (!outbox || (before.state === after.state && before.reason === after.reason)) return;
    void outbox
      .record({
        agentId: after.agentId,
        from: before.state,
        to: after.state,
        reason: after.reason,
        callId: after.callId,
        at: after.since,
      })
      .catch((err: unknown) =>
        this.deps.log.error({ err: String(err), agent: after.agentId }, 'could not record an agent state change'),
      );
  }

  private scheduleWrapUp(agent: AgentRecord): void {
    const existing = this.wrapTimers.get(agent.agentId);
    if (existing) this.deps.scheduler.clearTimeout(existing);
    this.wrapTimers.delete(agent.agentId);
    // A held wrap-up has no end of its own; the release schedules it again.
    if (!agent.wrapUpUntil || agent.wrapUpHeld || this.closed) return;
    const ms = Math.max(0, Date.parse(agent.wrapUpUntil) - this.deps.scheduler.now().getTime());
    this.wrapTimers.set(
      agent.agentId,
      this.deps.scheduler.setTimeout(() => {
        this.wrapTimers.delete(agent.agentId);
        this.apply(agent.agentId, { type: 'wrapUpElapsed' }).catch((err: unknown) =>
          this.deps.log.warn({ err: String(err), agent: agent.agentId }, 'wrap-up end failed'),
        );
      }, ms),
    );
  }

  /** Ends every overdue wrap-up (another process may have died holding the timer). */
  async sweep(): Promise<void> {
    const now = this.deps.scheduler.now().getTime();
    for (const { value } of await this.deps.state.listAgents()) {
      if (value.state === 'wrapUp' && !value.wrapUpHeld && value.wrapUpUntil && Date.parse(value.wrapUpUntil) <= now) {
        await this.apply(value.agentId, { type: 'wrapUpElapsed' }).catch(() => undefined);
      }
    }
  }

  close(): void {
    this.closed = true;
    for (const t of this.wrapTimers.values()) this.deps.scheduler.clearTimeout(t);
  }
}
