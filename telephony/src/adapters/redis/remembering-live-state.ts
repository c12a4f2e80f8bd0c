import type { CallOfferedV1, QueueId } from '@cc1357/contracts';
import type { ChainableCommander, Redis } from 'ioredis';
import type { AgentRecord } from '../../core/agent-state';
import type { LiveCall } from '../../core/call';
import { channelsOf, LiveState, type Reservation, type ReserveResult, type Versioned } from './live-state';
import { OwnCalls } from './own-calls';

/**
 * What this process last wrote or read of the live state, kept in memory so that it can write it
 * back when Redis loses its data (restart without persistence, flush). Redis stays the truth
 * while it has the data; this is only the copy a rebuild starts from.
 */
export class LiveMemory {
  /** Calls this process saved (its own node's), by call id; removed when the call is forgotten. */
  readonly calls = new Map<string, LiveCall>();
  /** Every agent record last seen (read or written), by agent id. */
  readonly agents = new Map<string, AgentRecord>();
  /** Offers standing on this process's calls, by call id. */
  readonly offers = new Map<string, CallOfferedV1>();
}

/**
 * LiveState that keeps `LiveMemory` up to date as a side effect of the writes and reads that go
 * through it. The memory is updated before the write is acknowledged: a write that Redis never
 * saw (it was down) must still be written back, since the process acted on it.
 *
 * It also answers reads of the calls it saved from its own copy (`OwnCalls`): only a call's node
 * writes it, so that copy is current.
 */
export class RememberingLiveState extends LiveState {
  private readonly own = new OwnCalls();

  constructor(
    redis: Redis,
    prefix: string,
    readonly memory: LiveMemory,
  ) {
    super(redis, prefix);
  }

  override async getAgent(agentId: string): Promise<Versioned<AgentRecord> | null> {
    const found = await super.getAgent(agentId);
    // Absent is not remembered: after a loss every agent is absent, which is what must not stick.
    if (found) this.memory.agents.set(agentId, found.value);
    return found;
  }

  override async listAgents(): Promise<Versioned<AgentRecord>[]> {
    const all = await super.listAgents();
    for (const a of all) this.memory.agents.set(a.value.agentId, a.value);
    return all;
  }

  override async casAgent(agent: AgentRecord, expectedVersion: number): Promise<boolean> {
    const written = await super.casAgent(agent, expectedVersion);
    if (written) this.memory.agents.set(agent.agentId, agent);
    return written;
  }

  override async reserveInOrder(queue: QueueId, reservations: readonly Reservation[]): Promise<ReserveResult[]> {
    const results = await super.reserveInOrder(queue, reservations);
    for (const [i, result] of results.entries())
      if (typeof result === 'object') this.memory.agents.set(reservations[i]!.agent.agentId, reservations[i]!.agent);
    return results;
  }

  override async saveCall(call: LiveCall, also?: (multi: ChainableCommander) => void): Promise<void> {
    this.memory.calls.set(call.callId, call);
    const json = JSON.stringify(call);
    const channels = channelsOf(call);
    this.own.saving(call, json, channels);
    try {
      await this.writeCall(call, json, channels, also);
    } catch (err) {
      this.own.saveFailed(call, json);
      throw err;
    }
  }

  override async getCall(callId: string): Promise<LiveCall | null> {
    return this.own.call(callId) ?? super.getCall(callId);
  }

  override async getCalls(callIds: string[]): Promise<(LiveCall | null)[]> {
    const found = callIds.map((id) => this.own.call(id) ?? null);
    const missing = callIds.filter((_, i) => found[i] === null);
    if (missing.length === 0) return found;
    const fromRedis = await super.getCalls(missing);
    let next = 0;
    return found.map((call) => call ?? fromRedis[next++] ?? null);
  }

  override async callIdOfChannel(node: string, channelId: string): Promise<string | null> {
    return this.own.callIdOfChannel(node, channelId) ?? super.callIdOfChannel(node, channelId);
  }

  /** Also clears every channel this process saved with the call: a leg that rang out and was replaced stayed in the index. */
  override async deleteCall(call: LiveCall, channelIds: string[]): Promise<void> {
    this.memory.calls.delete(call.callId);
    this.memory.offers.delete(call.callId);
    const saved = this.own.forget(call.callId);
    await super.deleteCall(call, [...new Set([...channelIds, ...saved])]);
  }

  override async saveOffer(offer: CallOfferedV1): Promise<void> {
    this.memory.offers.set(offer.callId, offer);
    await super.saveOffer(offer);
  }

  override async deleteOffer(callId: string): Promise<void> {
    this.memory.offers.delete(callId);
    await super.deleteOffer(callId);
  }

  override async setOfferPop(callId: string, pop: CallOfferedV1['pop']): Promise<boolean> {
    const set = await super.setOfferPop(callId, pop);
    const offer = this.memory.offers.get(callId);
    if (set && offer) this.memory.offers.set(callId, { ...offer, pop });
    return set;
  }
}
