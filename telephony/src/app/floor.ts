import { type DayStats, type FloorSnapshotV1, QUEUE_IDS, type QueueLiveV1, seoulDate } from '@cc1357/contracts';
import type { Logger } from 'pino';
import { snapshotOf } from '../core/agent-state';
import type { CrmClient } from '../adapters/crm/client';
import type { LiveState } from '../adapters/redis/live-state';
import type { AgentSupervisionStore } from '../adapters/redis/agent-supervision';
import type { VirtualHoldStore } from '../adapters/redis/virtual-hold-store';
import { floorDetailOf } from '../core/supervision';
import type { Scheduler, TimerHandle } from '../clock/scheduler';

/**
 * The supervisors' wallboard feed: today's numbers from crm-api (cached briefly), live queues
 * and agents from Redis. Recomputed at most once per `throttleMs` however often things move.
 */
export class FloorService {
  private timer: TimerHandle | null = null;
  /** One last refresh after things go quiet, so counts cached at the last move catch up. */
  private trailing: TimerHandle | null = null;
  private stats: { at: number; value: DayStats } | null = null;
  /** The look-up under way: snapshots built meanwhile wait for it rather than asking again. */
  private refreshing: Promise<DayStats> | null = null;
  private closed = false;

  constructor(
    private readonly deps: {
      state: LiveState;
      /** Per-agent day counts; absent: the snapshot carries no `details`. */
      supervision?: AgentSupervisionStore;
      /** Virtual hold tickets; absent: the queues carry no `virtualHold` count. */
      virtualHolds?: Pick<VirtualHoldStore, 'countByQueue'>;
      crm: CrmClient;
      scheduler: Scheduler;
      log: Logger;
      emit: (snapshot: FloorSnapshotV1) => void;
      throttleMs?: number;
      statsTtlMs?: number;
    },
  ) {}

  nudge(): void {
    if (this.closed) return;
    this.armTrailing();
    if (this.timer) return;
    this.timer = this.deps.scheduler.setTimeout(() => {
      this.timer = null;
      this.publish();
    }, this.deps.throttleMs ?? 250);
  }

  private publish(freshStats = false): void {
    if (freshStats) {
      // A look-up that started before may predate what crm-api knows now: ask anew.
      this.stats = null;
      this.refreshing = null;
    }
    this.snapshot()
      .then((s) => this.deps.emit(s))
      .catch((err: unknown) => this.deps.log.warn({ err: String(err) }, 'floor snapshot failed'));
  }

  /**
   * Today's numbers are cached for `statsTtlMs`, and crm-api learns of the last hang-up a moment
   * after telephony does: without this, the wallboard could keep showing the count from before
   * the floor went quiet. Every move re-arms it; it fires once, after the cache has expired.
   */
  private armTrailing(): void {
    if (this.trailing) this.deps.scheduler.clearTimeout(this.trailing);
    this.trailing = this.deps.scheduler.setTimeout(
      () => {
        this.trailing = null;
        if (!this.closed) this.publish(true);
      },
      (this.deps.statsTtlMs ?? 5_000) + (this.deps.throttleMs ?? 250),
    );
  }

  async snapshot(): Promise<FloorSnapshotV1> {
    const { state, scheduler } = this.deps;
    const now = scheduler.now();
    const [agents, calls, today, refused, held] = await Promise.all([
      state.listAgents(),
      state.listCalls(),
      this.today(now),
      state.refusedOn(seoulDate(now)),
      this.deps.virtualHolds?.countByQueue() ?? Promise.resolve(null),
    ]);
    const queues: QueueLiveV1[] = QUEUE_IDS.map((queue) => {
      const waiting = calls.filter(
        (c) => c.queue === queue && (c.state === 'queued' || c.state === 'offering') && c.enqueuedAt,
      );
      const oldest = Math.min(...waiting.map((c) => Date.parse(c.enqueuedAt as string)));
      return {
        queue,
        waiting: waiting.length,
        longestWaitSeconds: waiting.length ? Math.max(0, (now.getTime() - oldest) / 1000) : 0,
        refusedToday: refused[queue] ?? 0,
        ...(held ? { virtualHold: held.get(queue) ?? 0 } : {}),
      };
    });
    const snapshot: FloorSnapshotV1 = {
      at: now.toISOString(),
      today,
      queues,
      agents: agents.map((a) => snapshotOf(a.value)),
    };
    if (!this.deps.supervision) return snapshot;
    const day = await this.deps.supervision.dayOf(now);
    const byId = new Map(calls.map((c) => [c.callId, c]));
    // The pop went out with the offer (stored until the call ends); none while it is pending.
    const offers = await state.getOffers(agents.flatMap((a) => (a.value.callId ? [a.value.callId] : [])));
    snapshot.details = agents.map(({ value: a }) => {
      const call = a.callId ? (byId.get(a.callId) ?? null) : null;
      const pop = a.callId ? (offers.get(a.callId)?.pop ?? null) : null;
      return floorDetailOf(a, call, pop, day.get(a.agentId));
    });
    return snapshot;
  }

  /**
   * Today's numbers, cached for `statsTtlMs`; one look-up at a time. Snapshots overlap when things
   * move fast, and each used to ask crm-api when the cache had expired: while crm-api was slow
   * they piled up (4,677 timed-out look-ups in a 1,000-call multi-node run on a busy machine),
   * making it slower still for the pop look-ups beside them.
   */
  private today(now: Date): Promise<DayStats> {
    const ttl = this.deps.statsTtlMs ?? 5_000;
    if (this.stats && now.getTime() - this.stats.at <= ttl) return Promise.resolve(this.stats.value);
    if (!this.refreshing) {
      const lookUp: Promise<DayStats> = this.deps.crm.todayStats().then(
        (fresh) => {
          const value = fresh ?? this.stats?.value ?? { date: seoulDate(now), queues: [] };
          // One dropped by a trailing refresh (publish(true)) leaves the newer one's place alone.
          if (this.refreshing === lookUp) {
            this.stats = { at: now.getTime(), value };
            this.refreshing = null;
          }
          return value;
        },
        (err: unknown) => {
          if (this.refreshing === lookUp) this.refreshing = null;
          throw err;
        },
      );
      this.refreshing = lookUp;
    }
    return this.refreshing;
  }

  close(): void {
    this.closed = true;
    if (this.timer) this.deps.scheduler.clearTimeout(this.timer);
    if (this.trailing) this.deps.scheduler.clearTimeout(this.trailing);
  }
}
