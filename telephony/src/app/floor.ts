import { type DayStats, type FloorSnapshotV1, QUEUE_IDS, type QueueLiveV1, seoulDate } from '@cc1357/contracts';
import type { Logger } from 'pino';
import { snapshotOf } from '../core/agent-state';
import type { CrmClient } from '../adapters/crm/client';
import type { LiveState } from '../adapters/redis/live-state';
import type { AgentSupervisionStore } from '../adapters/redis/agent-supervision';
import type { VirtualHoldStore } from '../adapters/redis/virtual-hold-store';
import type { NodeBeats } from '../adapters/redis/node-beats';
import { floorDetailOf } from '../core/supervision';
import type { Scheduler, TimerHandle } from '../clock/scheduler';

/**
 * The supervisors' wallboard feed: today's numbers from crm-api (cached briefly), live queues,
 * agents and the nodes' doors from Redis. Recomputed at most once per `throttleMs` however often things move.
 */
export class FloorService {
  private timer: TimerHandle | null = null;
  /** While a door is closed: the next build (see `armDoorRecheck`). */
  private doorRecheck: TimerHandle | null = null;
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
      /** The nodes' door marks (node-beats.ts); absent: the snapshot carries no `door`. */
      doors?: Pick<NodeBeats, 'closedDoors'>;
      crm: CrmClient;
      scheduler: Scheduler;
      log: Logger;
      emit: (snapshot: FloorSnapshotV1) => void;
      throttleMs?: number;
      statsTtlMs?: number;
      /** How often the snapshot is built again while a door is closed (ms; default 5,000). */
      doorRecheckMs?: number;
      /**
       * Whether a supervisor here would see a snapshot (the wallboard room of this node has a
       * socket); absent: always. Nobody watching, nothing is built: with 2,000 counselors a build
       * read every agent and every live call four times a second, about as much CPU as the
       * calls themselves. A supervisor who joins is sent a fresh snapshot at once (wiring.ts).
       */
      watched?: () => boolean;
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
    if (this.deps.watched && !this.deps.watched()) return;
    if (freshStats) {
      // A look-up that started before may predate what crm-api knows now: ask anew.
      this.stats = null;
      this.refreshing = null;
    }
    this.snapshot()
      .then((s) => {
        this.deps.emit(s);
        if (s.door?.closedNodes) this.armDoorRecheck();
      })
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

  /**
   * A door closed now: the snapshot is built again in a while, whether or not anything else moves.
   * The callers refused meanwhile do not wake the wallboard one by one (the door is closed because
   * this process falls behind), and a node that died with its door closed sends no word when its
   * mark ages out (node-beats.ts): this build is what shows both.
   */
  private armDoorRecheck(): void {
    if (this.doorRecheck || this.closed) return;
    this.doorRecheck = this.deps.scheduler.setTimeout(() => {
      this.doorRecheck = null;
      if (!this.closed) this.publish();
    }, this.deps.doorRecheckMs ?? 5_000);
  }

  async snapshot(): Promise<FloorSnapshotV1> {
    const { state, scheduler, doors } = this.deps;
    const now = scheduler.now();
    const day = seoulDate(now);
    const [agents, calls, today, refused, held, door] = await Promise.all([
      state.listAgents(),
      state.listCalls(),
      this.today(now),
      state.refusedOn(day),
      this.deps.virtualHolds?.countByQueue() ?? Promise.resolve(null),
      doors
        ? Promise.all([state.doorRefusedOn(day), doors.closedDoors()]).then(([refusedToday, closedNodes]) => ({
            refusedToday,
            closedNodes,
          }))
        : Promise.resolve(null),
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
      ...(door ? { door } : {}),
    };
    if (!this.deps.supervision) return snapshot;
    const counts = await this.deps.supervision.dayOf(now);
    const byId = new Map(calls.map((c) => [c.callId, c]));
    // The pop went out with the offer (stored until the call ends); none while it is pending.
    const offers = await state.getOffers(agents.flatMap((a) => (a.value.callId ? [a.value.callId] : [])));
    snapshot.details = agents.map(({ value: a }) => {
      const call = a.callId ? (byId.get(a.callId) ?? null) : null;
      const pop = a.callId ? (offers.get(a.callId)?.pop ?? null) : null;
      return floorDetailOf(a, call, pop, counts.get(a.agentId));
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
    if (this.doorRecheck) this.deps.scheduler.clearTimeout(this.doorRecheck);
  }
}
