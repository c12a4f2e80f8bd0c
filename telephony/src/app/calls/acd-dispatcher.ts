import { randomUUID } from 'node:crypto';
import { QUEUE_IDS, type QueueId, queueById } from '@cc1357/contracts';
import type { Logger } from 'pino';
import { pickAgent, queueScore } from '../../core/acd';
import { type AgentRecord, applyAgentEvent } from '../../core/agent-state';
import type { AriPort } from '../../adapters/ari/port';
import type { LiveState, Versioned } from '../../adapters/redis/live-state';
import type { Scheduler } from '../../clock/scheduler';
import type { AgentService } from '../agent-service';
import { phoneInUse } from '../phone-busy';
import type { CallFeed } from './effects';

export interface AcdDispatcherDeps {
  node: string;
  ari: AriPort;
  state: LiveState;
  agents: AgentService;
  calls: CallFeed;
  scheduler: Scheduler;
  log: Logger;
  ringTimeoutSeconds: number;
  wrapUpSeconds: number;
  /** True while the agent's console is away: the ACD offers them nothing (see DisconnectedAgents). */
  agentAway?: ((agentId: string) => Promise<boolean>) | undefined;
  /** Virtual hold: the place of a queue's oldest ticket, or null; callers behind it wait for its call back. */
  placeHeld?: ((queue: QueueId) => Promise<number | null>) | undefined;
}

/**
 * The ACD of this node: offers its waiting calls to ready agents (the reservation is the one place
 * processes compete, and it is atomic in Redis), and frees agents left holding a call that no
 * longer exists.
 */
export class AcdDispatcher {
  private dispatching: Promise<void> | null = null;
  private dispatchAgain = false;
  private closed = false;
  /** Agents seen holding a vanished call on the last repair pass, with their record's version. */
  private orphanSuspects = new Map<string, number>();

  constructor(private readonly deps: AcdDispatcherDeps) {}

  /** Offers waiting calls of this node to ready agents. Re-runs if asked again while running. */
  dispatch(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.dispatchAgain = true;
    this.dispatching ??= this.dispatchLoop();
    return this.dispatching;
  }

  close(): void {
    this.closed = true;
  }

  /**
   * Passes until nobody asked for another one. The loop ends and `dispatching` is cleared in one
   * synchronous step: a request can never land after the last check yet before the clearing (a
   * lost wake-up that left callers waiting for the next tick while an agent was Ready).
   */
  private async dispatchLoop(): Promise<void> {
    await Promise.resolve(); // dispatch() stores this promise before anything below runs
    try {
      while (this.dispatchAgain && !this.closed) {
        this.dispatchAgain = false;
        try {
          await this.dispatchOnce();
        } catch (err) {
          if (!this.closed) this.deps.log.error({ err: String(err) }, 'dispatch failed');
        }
      }
    } finally {
      this.dispatching = null;
    }
  }

  private async dispatchOnce(): Promise<void> {
    const { state, log } = this.deps;
    // The floor is read once per pass (and only if a call of ours waits), then again only after
    // another process's reservation made ours fail; our own reservations update it in place.
    let agents: Versioned<AgentRecord>[] | null = null;
    // Agents whose phone is in another call or whose console is away (checked once per pass):
    // passed over, left Ready.
    const passedOver = new Set<string>();
    for (const queue of QUEUE_IDS) {
      const head = await state.queueHead(queue, 20);
      if (head.length === 0) continue;
      const skill = queueById(queue).skill;
      const held = (await this.deps.placeHeld?.(queue)) ?? null;
      for (const callId of head) {
        const call = await state.getCall(callId);
        if (!call || call.node !== this.deps.node || call.state !== 'queued') continue;
        if (held !== null && call.enqueuedAt && queueScore(call.enqueuedAt, call.priority) > held) break;
        agents ??= await state.listAgents();
        const missed = new Set(call.missedBy);
        for (let attempt = 0; attempt < 10; attempt++) {
          const records = agents.map((a) => a.value).filter((a) => !passedOver.has(a.agentId));
          // Agents who let this call ring out are passed over while another ready agent has the
          // skill; if none has, they get it again rather than leave the caller waiting forever.
          const pick = pickAgent(records, skill, missed) ?? pickAgent(records, skill);
          if (!pick) break;
          if (await this.deps.agentAway?.(pick.agentId)) {
            passedOver.add(pick.agentId);
            continue;
          }
          if (await phoneInUse(this.deps.ari, pick.agentId, log)) {
            log.info({ agent: pick.agentId, callId }, `agent ${pick.agentId}'s phone is in another call; passed over`);
            passedOver.add(pick.agentId);
            continue;
          }
          const index = agents.findIndex((a) => a.value.agentId === pick.agentId);
          const versioned = agents[index];
          const reserved = applyAgentEvent(pick, { type: 'reserve', callId }, this.deps.scheduler.now());
          if (!versioned || !reserved.ok) break;
          const result = await state.reserve(queue, callId, reserved.agent, versioned.version);
          if (result === 'callGone') break;
          if (result === 'agentChanged') {
            agents = await state.listAgents(); // another process took or changed them: look again
            continue;
          }
          // Reserved: the script wrote the agent and bumped its version by one.
          agents[index] = { value: reserved.agent, version: versioned.version + 1 };
          this.deps.agents.afterChange(pick, reserved.agent);
          // The offer runs on its own: it rings a phone and shows a pop (about 40 ms of waiting,
          // longer when crm-api is slow), and awaiting each one capped a node near 23 offers/s.
          // The reservation already guarantees one call per agent, and the call's chain keeps
          // its own steps in order.
          void this.offer(callId, pick.agentId);
          break;
        }
      }
    }
  }

  private offer(callId: string, agentId: string): Promise<void> {
    return this.deps.calls
      .feed(callId, { type: 'offer', agentId, agentChannelId: randomUUID() })
      .catch((err: unknown) => this.deps.log.error({ err: String(err), callId, agent: agentId }, 'offer failed'));
  }

  /**
   * Agents holding a call that no longer exists (a process died between reserving and ringing,
   * or mid-call) would stay stuck. After a grace period well past the ring timeout they are
   * released (reserved/ringing → ready) or sent to wrap-up (onCall). Safe to run on every node.
   *
   * Only a call that is truly gone counts: when thousands of calls end at once, an agent's own
   * update can trail its call's removal by seconds, and freeing them then (1,495 times in one
   * run) raced that update. So an agent is freed only when seen orphaned, unchanged, on two
   * passes in a row, and never while the PBX shows their phone in a call.
   */
  async repairOrphanedAgents(): Promise<void> {
    const { state, log } = this.deps;
    const now = this.deps.scheduler.now().getTime();
    const ringGraceMs = this.deps.ringTimeoutSeconds * 1000 + 30_000;
    const graceMs = { reserved: ringGraceMs, ringing: ringGraceMs, onCall: 30_000 } as const;
    const suspects = new Map<string, number>();
    for (const { value: agent, version } of await state.listAgents()) {
      if (agent.state !== 'reserved' && agent.state !== 'ringing' && agent.state !== 'onCall') continue;
      if (now - Date.parse(agent.since) < graceMs[agent.state] || !agent.callId) continue;
      const call = await state.getCall(agent.callId);
      if (call && call.agentId === agent.agentId) continue;
      suspects.set(agent.agentId, version);
      if (this.orphanSuspects.get(agent.agentId) !== version) continue; // first sighting: look again next pass
      if (await phoneInUse(this.deps.ari, agent.agentId, log)) continue;
      log.warn(
        { agent: agent.agentId, callId: agent.callId, state: agent.state },
        'agent holds a call that no longer exists; freeing it',
      );
      const event =
        agent.state === 'onCall'
          ? { type: 'callEnded' as const, callId: agent.callId, wrapUpSeconds: this.deps.wrapUpSeconds }
          : { type: 'release' as const, callId: agent.callId };
      await this.deps.agents
        .apply(agent.agentId, event)
        .catch((err: unknown) => log.warn({ err: String(err) }, 'could not free agent'));
    }
    this.orphanSuspects = suspects;
  }
}
