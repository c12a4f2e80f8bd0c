import type { Logger } from 'pino';
import type { AgentRecord } from '../core/agent-state';
import { type ConnectedConsole, epochVerdict, rebuildPlan } from '../core/redis-loss';
import type { RedisEpoch } from '../adapters/redis/redis-epoch';
import type { LiveMemory, RememberingLiveState } from '../adapters/redis/remembering-live-state';

export interface RedisLossDeps {
  node: string;
  epoch: RedisEpoch;
  state: RememberingLiveState;
  memory: LiveMemory;
  /** The counselors' consoles connected to this process now. */
  consoles(): ConnectedConsole[];
  /** Registers a console's presence again (the presence keys went with the data). */
  presence(agentId: string, socketId: string): Promise<void>;
  /** A login for a connected agent this process has no record of (they come back Not ready). */
  login(console: ConnectedConsole): Promise<void>;
  /** Tells the agent's console and the floor about a record written back. */
  restored(agent: AgentRecord): void;
  /** Squares the calls written back with the PBX (hang-ups during the gap, queue entries) and runs the ACD. */
  resync(): Promise<void>;
  /** Jobs that keep state in Redis and must register again (e.g. the monitoring sessions' copy). */
  reregister?: () => Promise<void>;
  log: Logger;
}

/**
 * Notices that Redis lost its data and rebuilds this process's share of the live state at once,
 * without waiting for a console to reconnect: the agents whose consoles are connected here, this
 * node's calls (from this process's memory, then checked against the PBX's channels by the same
 * resync that follows an ARI gap: calls that ended meanwhile get their end event, waiting callers
 * go back in their queue at their old place), the presence of the consoles, and the ACD runs.
 * `check()` is cheap (one GET) and runs on every tick and when the Redis connection is ready again.
 */
export class RedisLossWatch {
  private remembered: string | null = null;
  private running: Promise<boolean> | null = null;
  private rebuilds = 0;

  constructor(private readonly deps: RedisLossDeps) {}

  /** How many losses this process has rebuilt from (metrics, tests). */
  get rebuilt(): number {
    return this.rebuilds;
  }

  /** True when a loss was noticed and rebuilt from. One check at a time. */
  check(): Promise<boolean> {
    this.running ??= this.checkOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async checkOnce(): Promise<boolean> {
    const { epoch, log } = this.deps;
    const verdict = epochVerdict(this.remembered, await epoch.read());
    switch (verdict.kind) {
      case 'same':
        return false;
      case 'adopt':
        this.remembered = verdict.epoch;
        return false;
      case 'claim':
        this.remembered = await epoch.claim();
        return false;
      case 'lost': {
        this.remembered = verdict.found ?? (await epoch.claim());
        log.warn({ epoch: this.remembered }, 'redis lost its data: rebuilding the live state');
        await this.rebuild();
        this.rebuilds++;
        return true;
      }
    }
  }

  private async rebuild(): Promise<void> {
    const { state, memory, log } = this.deps;
    const consoles = this.deps.consoles();
    const plan = rebuildPlan(this.deps.node, consoles, memory.agents, memory.calls.values());
    for (const agent of plan.agents) {
      // Version 0 = absent: an agent another process already wrote back (or who acted since) wins.
      if (await state.casAgent(agent, 0)) this.deps.restored(agent);
    }
    for (const c of plan.logins) await this.deps.login(c);
    for (const c of consoles) await this.deps.presence(c.agentId, c.socketId);
    for (const call of plan.calls) {
      // A call saved again meanwhile (it moved on after the loss) is newer than the memory's copy.
      if (!(await state.hasCallInRedis(call.callId))) await state.saveCall(call);
      const offer = memory.offers.get(call.callId);
      if (offer && call.state === 'offering' && !(await state.getOffer(call.callId))) await state.saveOffer(offer);
    }
    await this.deps.reregister?.();
    log.info(
      { agents: plan.agents.length, logins: plan.logins.length, calls: plan.calls.length },
      'live state written back; resync with the PBX',
    );
    await this.deps.resync();
  }
}
