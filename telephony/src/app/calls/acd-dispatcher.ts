import { randomUUID } from 'node:crypto';
import { QUEUE_IDS, type QueueId, queueById } from '@cc1357/contracts';
import type { Logger } from 'pino';
import { queueScore, rankReady } from '../../core/acd';
import { type AgentRecord, applyAgentEvent } from '../../core/agent-state';
import type { LiveCall } from '../../core/call';
import type { AriPort } from '../../adapters/ari/port';
import type { LiveState, ReserveResult, Versioned } from '../../adapters/redis/live-state';
import type { Scheduler } from '../../clock/scheduler';
import type { AgentService } from '../agent-service';
import { phoneInUse } from '../phone-busy';
import type { AgentFloor } from './agent-floor';
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
  /** This process's copy of the agent floor (shared with the IVR's wait estimate). */
  floor: AgentFloor;
  /** Virtual hold: the place of a queue's oldest ticket, or null; callers behind it wait for its call back. */
  placeHeld?: ((queue: QueueId) => Promise<number | null>) | undefined;
  /**
   * The telephony nodes alive now (adapters/redis/node-beats). Their waiting callers take their
   * turn here too, in one queue order with ours: an agent picked for another node's caller is
   * reserved here for them, and that node rings them. Absent: only this node's callers are seen.
   */
  liveNodes?: ((among: Iterable<string>) => Promise<ReadonlySet<string>>) | undefined;
  /** Wakes the other nodes' ACDs (the bus's `dispatch`): a pass reserved agents for their callers. */
  wakeOthers?: (() => void) | undefined;
}

/** How many callers of a queue one pass looks at (the head of its line). */
const HEAD = 20;

type Pick = { call: LiveCall; agent: Versioned<AgentRecord> };

/**
 * One agent for each waiting call, in queue order, from one snapshot: nobody twice, nobody passed
 * over. Agents who let a call ring out are passed over for it while another ready agent has the
 * skill; if none has, they get it again rather than leave the caller waiting forever. Stops at the
 * first call nobody is left for (the calls behind it would find no one either).
 */
export function pickForEach(
  calls: readonly LiveCall[],
  agents: readonly Versioned<AgentRecord>[],
  skill: string,
  passedOver: ReadonlySet<string>,
): { call: LiveCall; agent: Versioned<AgentRecord> }[] {
  const byId = new Map(agents.map((a) => [a.value.agentId, a]));
  const ranked = rankReady(
    agents.map((a) => a.value),
    skill,
    passedOver,
  );
  const claimed = new Set<string>();
  const picks: { call: LiveCall; agent: Versioned<AgentRecord> }[] = [];
  for (const call of calls) {
    const pick =
      ranked.find((a) => !claimed.has(a.agentId) && !call.missedBy.includes(a.agentId)) ??
      ranked.find((a) => !claimed.has(a.agentId));
    if (!pick) break;
    claimed.add(pick.agentId);
    picks.push({ call, agent: byId.get(pick.agentId)! });
  }
  return picks;
}

/**
 * The ACD of this node: reserves ready agents for the waiting calls of every live node and offers
 * its own (the reservation is the one place processes compete, and it is atomic in Redis), and
 * frees agents left holding a call that no longer exists.
 */
export class AcdDispatcher {
  private dispatching: Promise<void> | null = null;
  private dispatchAgain = false;
  private closed = false;
  /** Agents seen holding a vanished call on the last repair pass, with their record's version. */
  private orphanSuspects = new Map<string, number>();
  /** Dispatch passes finished (the `cc1357_telephony_acd_passes_total` metric): a pass started after a moment is done once this grew by two. */
  passes = 0;

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
        this.passes++;
      }
    } finally {
      this.dispatching = null;
    }
  }

  /**
   * One pass over the queues. The waiting calls at a queue's head are offered at once: each is
   * given its own agent from one snapshot of the floor (in queue order, so the first caller gets
   * the longest idle agent), then every pick's checks (console away? phone in another call?) run
   * concurrently and the reservations follow in queue order, all in one Redis step; the offers go
   * out on their own. The reservation in Redis stays the arbiter: a pick from a stale snapshot
   * fails with `agentChanged`, and its call (and every one behind it) gets another round.
   *
   * A pass is a handful of round trips whatever the line's length: each await behind a busy event
   * loop costs milliseconds, and with a head read per queue and a round trip per reservation a
   * pass took 111 ms on average at 40 calls/s (up to 1.6 s), so 200 counselors sat Ready while
   * 300 callers waited.
   *
   * Every live node's callers are picked for and reserved here, in one queue order (first in,
   * first out across nodes): a later caller is reserved only once every earlier one has left the
   * queue, whichever node reserved them. Leaving an earlier caller's pick to their own node let
   * this node's later callers go first whenever that node's reservation then failed (8 calls in
   * 1,000 out of order over three nodes); reserving for them closes that. Their node rings the
   * agent (`offerReservedHere`), woken by `wakeOthers`.
   */
  private async dispatchOnce(): Promise<void> {
    const { state, floor } = this.deps;
    const [, heads] = await Promise.all([
      this.offerReservedHere(),
      Promise.all(QUEUE_IDS.map((queue) => state.queueHead(queue, HEAD))),
    ]);
    // The floor is read once per pass (and only if a call waits) from this process's copy, which
    // a pull brings up to date by reading only the agents written since the last one; again only
    // after another process's reservation made ours fail. Our own reservations update it in place.
    let agents: Versioned<AgentRecord>[] | null = null;
    // Agents whose phone is in another call or whose console is away (checked once per pass):
    // passed over, left Ready.
    const passedOver = new Set<string>();
    let reservedForOthers = false;
    for (const [index, queue] of QUEUE_IDS.entries()) {
      const head = heads[index]!;
      if (head.length === 0) continue;
      const skill = queueById(queue).skill;
      const [held, found] = await Promise.all([this.deps.placeHeld?.(queue) ?? null, state.getCalls(head)]);
      // Every live node's callers in queue order (a dead node's callers would hold agents nobody rings).
      const queued = found.filter((c): c is LiveCall => c?.state === 'queued');
      const live = await this.liveAmong(queued);
      let waiting = queued.filter((call) => live.has(call.node));
      // Callers behind a virtual-hold ticket wait for its call back: first in, first out holds.
      if (held !== null) {
        const behind = waiting.findIndex((c) => c.enqueuedAt && queueScore(c.enqueuedAt, c.priority) > held);
        if (behind >= 0) waiting = waiting.slice(0, behind);
      }
      for (let round = 0; round < 10 && waiting.length > 0; round++) {
        agents ??= await floor.current();
        const picks = pickForEach(waiting, agents, skill, passedOver);
        if (picks.length === 0) break;
        const free = await Promise.allSettled(picks.map(({ call, agent }) => this.available(call, agent)));
        const outcome = await this.reserveRound(queue, picks, free, agents, passedOver);
        waiting = outcome.waiting;
        if (outcome.reservedForOthers) reservedForOthers = true;
        if (outcome.stale) agents = await floor.current(); // another process took or changed one: look again
      }
    }
    if (reservedForOthers) this.deps.wakeOthers?.();
  }

  /** The live nodes among the callers' nodes; no round trip when they are all ours. */
  private async liveAmong(calls: readonly LiveCall[]): Promise<ReadonlySet<string>> {
    const nodes = new Set(calls.map((c) => c.node));
    const onlyOurs = [...nodes].every((node) => node === this.deps.node);
    if (!this.deps.liveNodes || onlyOurs) return new Set([this.deps.node]);
    return this.deps.liveNodes(nodes);
  }

  /**
   * A round's reservations. The picks are taken in queue order up to the first whose check did not
   * pass, and reserved in one Redis step that stops at the first agent another process changed:
   * a later caller is never given an agent in a round where an earlier one lost theirs (to another
   * node's reservation, or to a phone found busy). The callers from there on are `waiting`, for the
   * next round's fresh picks; the agents array is updated in place with the reserved records.
   */
  private async reserveRound(
    queue: QueueId,
    picks: readonly Pick[],
    free: readonly PromiseSettledResult<boolean>[],
    agents: Versioned<AgentRecord>[],
    passedOver: Set<string>,
  ): Promise<{ waiting: LiveCall[]; stale: boolean; reservedForOthers: boolean }> {
    const { state, log } = this.deps;
    const blockedAt = free.findIndex((check) => check.status === 'rejected' || !check.value);
    const checked = blockedAt < 0 ? picks : picks.slice(0, blockedAt);
    const now = this.deps.scheduler.now();
    const batch: { call: LiveCall; picked: Versioned<AgentRecord>; reserved: AgentRecord }[] = [];
    for (const { call, agent } of checked) {
      const reserved = applyAgentEvent(agent.value, { type: 'reserve', callId: call.callId }, now);
      if (reserved.ok) batch.push({ call, picked: agent, reserved: reserved.agent });
    }
    let results: ReserveResult[];
    try {
      results = await state.reserveInOrder(
        queue,
        batch.map(({ call, picked, reserved }) => ({
          callId: call.callId,
          agent: reserved,
          expectedVersion: picked.version,
          forNode: call.node === this.deps.node ? undefined : call.node,
        })),
      );
    } catch (err) {
      // Nothing was reserved; the callers keep their places for the next pass.
      if (!this.closed) log.error({ err: String(err), queue }, 'reservations failed');
      return { waiting: [], stale: false, reservedForOthers: false };
    }
    const waiting: LiveCall[] = [];
    let stale = false;
    let reservedForOthers = false;
    for (const [i, { call, picked, reserved }] of batch.entries()) {
      const result = results[i];
      if (result === 'callGone') continue;
      if (result === undefined || result === 'agentChanged') {
        // The agent changed, or the step stopped at an earlier one that did.
        if (result === 'agentChanged') stale = true;
        waiting.push(call);
        continue;
      }
      const ours = call.node === this.deps.node;
      if (!ours) reservedForOthers = true;
      this.deps.agents.afterChange(picked.value, reserved);
      // The script wrote the agent and bumped its version by one: no second pick this pass.
      const index = agents.findIndex((a) => a.value.agentId === reserved.agentId);
      if (index >= 0) agents[index] = { value: reserved, version: picked.version + 1 };
      // The offer runs on its own: it rings a phone and shows a pop, and awaiting each one capped
      // a node near 23 offers/s. The reservation already guarantees one call per agent, and the
      // call's chain keeps its own steps in order. Another node's caller is rung from their node
      // (the reservation put it on that node's offer list).
      if (ours) void this.offer(call.callId, reserved.agentId, result.order);
    }
    if (blockedAt >= 0) {
      const { call, agent } = picks[blockedAt]!;
      const check = free[blockedAt]!;
      if (check.status === 'rejected') {
        // The check itself failed: this caller waits for the next pass, the ones behind get fresh picks.
        if (!this.closed) log.error({ err: String(check.reason), callId: call.callId }, 'offer attempt failed');
      } else {
        passedOver.add(agent.value.agentId);
        waiting.push(call);
      }
      for (const later of picks.slice(blockedAt + 1)) waiting.push(later.call);
    }
    return { waiting, stale, reservedForOthers };
  }

  /**
   * Rings the agents other nodes reserved for this node's callers. The list is written in the
   * reservation's own Redis step, so a wake-up lost on the way (or this process restarting in
   * between) delays the ring to the next pass but never loses it.
   */
  private async offerReservedHere(): Promise<void> {
    if (!this.deps.liveNodes) return;
    for (const { callId, agentId, order } of await this.deps.state.takeOffers(this.deps.node))
      void this.offer(callId, agentId, order);
  }

  /** Whether a picked agent can take the call: console here, phone not in another call. */
  private async available(call: LiveCall, versioned: Versioned<AgentRecord>): Promise<boolean> {
    const { log } = this.deps;
    const pick = versioned.value;
    if (await this.deps.agentAway?.(pick.agentId)) return false;
    if (await phoneInUse(this.deps.ari, pick.agentId, log)) {
      log.info(
        { agent: pick.agentId, callId: call.callId },
        `agent ${pick.agentId}'s phone is in another call; passed over`,
      );
      return false;
    }
    return true;
  }

  private offer(callId: string, agentId: string, order: number): Promise<void> {
    return this.deps.calls
      .feed(callId, { type: 'offer', agentId, agentChannelId: randomUUID(), reservation: order })
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
