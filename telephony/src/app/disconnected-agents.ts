import type { Logger } from 'pino';
import type { ConsolePresence } from '../adapters/redis/console-presence';
import type { LiveState } from '../adapters/redis/live-state';
import type { AgentService } from './agent-service';
import type { Scheduler, TimerHandle } from '../clock/scheduler';

export interface DisconnectedAgentsDeps {
  presence: ConsolePresence;
  state: LiveState;
  agents: AgentService;
  scheduler: Scheduler;
  log: Logger;
  graceSeconds: number;
  /** Sends a call ringing for the agent back to the queue; false if another node controls it. */
  withdrawOffer(agentId: string, callId: string): Promise<boolean>;
}

/**
 * A closed console must not keep an agent Ready. While the console is away the ACD passes the
 * agent over (`isAway`); a console back within the grace period finds everything as it was. After
 * the grace period the agent goes Not ready ("disconnected") and a call ringing for them moves on
 * to another agent. An agent on a call keeps it (the phone still works) and is set Not ready
 * once it ends. Runs on every node (`sweep`), and on the node that saw the console go, on time.
 */
export class DisconnectedAgents {
  private readonly timers = new Map<string, TimerHandle>();
  private closed = false;

  constructor(private readonly deps: DisconnectedAgentsDeps) {}

  /** At start: consoles this node held before a restart are gone (they reconnect wherever they can). */
  async start(): Promise<void> {
    await this.deps.presence.forgetThisNode(this.deps.scheduler.now());
  }

  async connected(agentId: string, socketId: string): Promise<void> {
    await this.deps.presence.connected(agentId, socketId, this.deps.scheduler.now());
  }

  async disconnected(agentId: string, socketId: string): Promise<void> {
    const { presence, scheduler } = this.deps;
    if (!(await presence.disconnected(agentId, socketId, scheduler.now())) || this.closed) return;
    const old = this.timers.get(agentId);
    if (old) scheduler.clearTimeout(old);
    this.timers.set(
      agentId,
      scheduler.setTimeout(() => {
        this.timers.delete(agentId);
        void this.check(agentId).catch((err: unknown) =>
          this.deps.log.warn({ err: String(err), agent: agentId }, 'disconnected agent check failed'),
        );
      }, this.deps.graceSeconds * 1000),
    );
  }

  /** True while the agent has no console (not even within the grace period): offer them nothing. */
  async isAway(agentId: string): Promise<boolean> {
    return (await this.deps.presence.goneSince(agentId)) !== null;
  }

  async sweep(): Promise<void> {
    for (const agentId of (await this.deps.presence.allGone()).keys()) await this.check(agentId);
  }

  private async check(agentId: string): Promise<void> {
    const { presence, state, agents, scheduler, log } = this.deps;
    const since = await presence.goneSince(agentId);
    if (!since || scheduler.now().getTime() - since.getTime() < this.deps.graceSeconds * 1000) return;
    const agent = (await state.getAgent(agentId))?.value;
    if (!agent) return;
    if ((agent.state === 'reserved' || agent.state === 'ringing') && agent.callId) {
      if (!(await this.deps.withdrawOffer(agentId, agent.callId))) return; // its node will
      log.info({ agent: agentId, callId: agent.callId }, 'console gone: the ringing call moves on to another agent');
    }
    const now = (await state.getAgent(agentId))?.value;
    if (
      !now ||
      now.state === 'offline' ||
      now.state === 'onCall' ||
      now.state === 'reserved' ||
      now.state === 'ringing'
    )
      return;
    if (now.state === 'notReady' && now.reason === 'disconnected') return;
    log.info({ agent: agentId, goneSince: since.toISOString() }, `agent ${agentId}'s console is gone; not ready`);
    await agents
      .apply(agentId, { type: 'notReady', reason: 'disconnected' })
      .catch((err: unknown) =>
        log.warn({ err: String(err), agent: agentId }, 'could not set a disconnected agent not ready'),
      );
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) this.deps.scheduler.clearTimeout(t);
    this.timers.clear();
  }
}
