import type { AgentRecord } from '../../core/agent-state';
import type { LiveState, Versioned } from '../../adapters/redis/live-state';

export interface AgentFloorDeps {
  state: LiveState;
  /** Milliseconds now (the scheduler's clock). */
  now: () => number;
  /** The whole floor is read again at least this often (default 30 s): see `pull`. */
  fullReadEveryMs?: number;
}

/**
 * This process's copy of the agent floor, kept current from Redis's change list (`agents:chg`):
 * the ACD reads it on every pass, and at 100 call setups per second reading all 2,000 agents each
 * time was the cost. A pull with nothing changed is one small transaction; with a few changes, it
 * reads those few agents.
 *
 * A stale copy is never unsafe: the reservation compares the agent's version in Redis and fails
 * with `agentChanged` when the copy was behind, and the ACD then pulls again.
 */
export class AgentFloor {
  private readonly agents = new Map<string, Versioned<AgentRecord>>();
  private version = 0;
  private fullReadAt = Number.NEGATIVE_INFINITY;
  /** The pull running now, and one more queued behind it that every later caller shares. */
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(private readonly deps: AgentFloorDeps) {}

  /** The floor as of this call (every write Redis finished before it is in the answer). */
  async current(): Promise<Versioned<AgentRecord>[]> {
    await this.refresh();
    return [...this.agents.values()];
  }

  /** The floor as last pulled, without asking Redis (for figures that may lag a moment). */
  cached(): Iterable<AgentRecord> {
    return [...this.agents.values()].map((a) => a.value);
  }

  /**
   * A pull that starts after this call: joins the one queued if there is one (it has not started
   * yet, so it will see everything written before now), else queues one behind the running pull.
   */
  refresh(): Promise<void> {
    if (this.queued) return this.queued;
    const after = this.running ?? Promise.resolve();
    const next = after
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        this.running = next;
        return this.pull();
      })
      .finally(() => {
        if (this.running === next) this.running = null;
      });
    this.queued = next;
    return next;
  }

  /**
   * Incremental, except: on the first pull, when the floor version went backwards (Redis lost it:
   * restarted empty or flushed) and every `fullReadEveryMs` — the backstop for agents removed from
   * Redis or written before the change list existed, which the list never names.
   */
  private async pull(): Promise<void> {
    const { state } = this.deps;
    const now = this.deps.now();
    if (now - this.fullReadAt >= (this.deps.fullReadEveryMs ?? 30_000)) return this.fullRead(now);
    const { floorVersion, agents } = await state.agentsChangedSince(this.version);
    if (floorVersion < this.version) return this.fullRead(now);
    for (const agent of agents) {
      const known = this.agents.get(agent.value.agentId);
      if (!known || known.version <= agent.version) this.agents.set(agent.value.agentId, agent);
    }
    this.version = floorVersion;
  }

  private async fullRead(now: number): Promise<void> {
    // The version first: a write after it is in the change list above it, so the next pull reads it.
    const version = await this.deps.state.floorVersion();
    const all = await this.deps.state.listAgents();
    this.agents.clear();
    for (const agent of all) this.agents.set(agent.value.agentId, agent);
    this.version = version;
    this.fullReadAt = now;
  }
}
