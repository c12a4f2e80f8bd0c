import { randomUUID } from 'node:crypto';
import type { MonitorMode, MonitorStateV1 } from '@cc1357/contracts';
import type { Logger } from 'pino';
import { isNotFound } from '../../adapters/ari/errors';
import type { AriPort } from '../../adapters/ari/port';
import { type ConsoleBus, SUPERVISORS_ROOM, roomEmit } from '../../adapters/console/bus';
import type { CallEventOutbox } from '../../adapters/crm/outbox';
import type { LiveState } from '../../adapters/redis/live-state';
import { MonitorSessionStore } from '../../adapters/redis/monitor-sessions';
import type { Scheduler } from '../../clock/scheduler';
import { TelephonyError } from '../../core/errors';
import {
  type MonitorEffect,
  type MonitorEvent,
  type MonitorSession,
  applyMonitorEvent,
  channelsOf,
  newSession,
  snoopDirections,
} from '../../core/monitoring';
import { agentEndpoint } from '../phone-busy';
import { CallChains } from './call-chains';

export interface MonitoringDeps {
  node: string;
  ari: AriPort;
  state: LiveState;
  bus: ConsoleBus;
  outbox: CallEventOutbox;
  scheduler: Scheduler;
  log: Logger;
  /** How long the supervisor's phone rings before the session is given up. */
  ringTimeoutSeconds: number;
  /** The center's setting: counselors are told when a supervisor is on their call. */
  showIndicator: boolean;
}

/** The supervisor issuing a command: their user id and their phone (agent id = extension). */
export interface Supervisor {
  userId: string;
  phone: string | null;
}

/**
 * How long a session a restart ended is still reported to supervisors' consoles as they
 * (re)connect: long enough for a console that lost its socket with the old process to come back.
 */
const RESTART_ENDED_KEEP_MS = 10 * 60_000;

/** The `appArgs` roles of the channels this unit makes (the ARI router hands them here). */
export const MONITOR_ROLES = new Set(['monitor', 'snoop']);

/**
 * Live listen / whisper / barge (issue 13 §4) over ARI snoop channels. The decisions are
 * `core/monitoring.ts`'s; this unit checks the supervisors' commands, performs the effects and
 * routes the ARI events of its channels (`monitor,<session>` = the supervisor's phone leg,
 * `snoop,<session>` = a snoop) back into the session. Work on one session is serialised.
 *
 * Sessions live in this process (the node that controls the call's channels) and are copied to
 * Redis on every change (`MonitorSessionStore`). After a restart, `sweep()` (run with every
 * resync) ends each session the store holds and this process does not know: its channels hung
 * up, its bridge destroyed, `monitor.ended` (reason `telephonyRestart`) written and sent to the
 * supervisors. Monitoring channels of no known session are hung up too, and a late StasisStart of
 * an unknown session is hung up here.
 */
export class Monitoring {
  private readonly sessions = new Map<string, MonitorSession>();
  private readonly byChannel = new Map<string, string>();
  private readonly chains: CallChains;
  private readonly store: MonitorSessionStore;
  /** Sessions `sweep()` ended after a restart, as told to consoles that connect soon after. */
  private restartEnded: { state: MonitorStateV1; at: number }[] = [];

  constructor(private readonly deps: MonitoringDeps) {
    this.chains = new CallChains(deps.log);
    this.store = new MonitorSessionStore(deps.state.redis, deps.state.prefix, deps.node);
  }

  /** `monitor.start.v1`: snoop on the counselor's leg first (a call that just ended is refused here), then ring the supervisor. */
  async start(supervisor: Supervisor, callId: string, mode: MonitorMode): Promise<void> {
    const { state, node } = this.deps;
    const phone = supervisor.phone;
    if (!phone)
      throw new TelephonyError('FORBIDDEN', 'monitoring needs a phone: this user has no agent id (extension)');
    const running = this.sessionOf(supervisor.userId);
    if (running)
      throw new TelephonyError('CONFLICT', `already monitoring call ${running.callId}: stop it before another`);
    const call = await state.getCall(callId);
    if (!call || !call.agentId) throw new TelephonyError('NOT_FOUND', `call ${callId} is not a live call`);
    if (call.node !== node) throw new TelephonyError('UNAVAILABLE', `call ${callId} is controlled by another node`);
    if (call.state !== 'connected' || !call.agentChannelId)
      throw new TelephonyError(
        'INVALID_STATE',
        `call ${callId} is ${call.state}: only a connected call can be monitored`,
      );
    const session = newSession(
      {
        id: `mon-${randomUUID()}`,
        callId,
        agentId: call.agentId,
        agentChannelId: call.agentChannelId,
        supervisorId: supervisor.userId,
        supervisorPhone: phone,
        mode,
      },
      this.deps.scheduler.now(),
    );
    this.remember(session);
    let failure: TelephonyError | null = null;
    await this.chains.serial(session.id, async () => {
      // Saved before any channel exists: whatever open() makes, a restart can find and end.
      await this.persist(session);
      try {
        await this.open(session);
      } catch (err) {
        failure = err instanceof TelephonyError ? err : new TelephonyError('UNAVAILABLE', String(err));
        this.forget(session);
        await this.unpersist(session);
      }
    });
    if (failure) throw failure;
    this.notify(session);
  }

  /** `monitor.mode.v1`: the same phone call, another snoop. */
  async changeMode(supervisor: Supervisor, callId: string, mode: MonitorMode): Promise<void> {
    const session = this.requireSession(supervisor, callId);
    await this.feed(session.id, { type: 'changeMode', mode });
  }

  /** `monitor.stop.v1`. */
  async stop(supervisor: Supervisor, callId: string): Promise<void> {
    const session = this.requireSession(supervisor, callId);
    await this.feed(session.id, { type: 'stop' });
  }

  /**
   * The sessions running, as a supervisor's console must see them when it (re)connects, then
   * those a restart ended lately (a console that still shows one drops it).
   */
  current(): MonitorStateV1[] {
    const since = this.deps.scheduler.now().getTime() - RESTART_ENDED_KEEP_MS;
    this.restartEnded = this.restartEnded.filter((e) => e.at >= since);
    return [...[...this.sessions.values()].map((s) => this.stateOf(s)), ...this.restartEnded.map((e) => e.state)];
  }

  /** StasisStart of a channel with a monitoring role. */
  channelEntered(role: string, sessionId: string, channelId: string): void {
    const session = this.sessions.get(sessionId);
    if (!session) {
      // Left over from a session this process no longer knows: nothing may dangle.
      void this.deps.ari.hangup(channelId).catch(() => undefined);
      return;
    }
    if (role === 'monitor' && channelId === session.supervisorChannelId)
      void this.feed(sessionId, { type: 'supervisorAnswered' });
    else if (role === 'snoop') void this.feed(sessionId, { type: 'snoopReady', channelId });
  }

  /** StasisEnd / ChannelDestroyed of any channel: true when it was one of a session's. */
  channelGone(channelId: string): boolean {
    const sessionId = this.byChannel.get(channelId);
    const session = sessionId ? this.sessions.get(sessionId) : undefined;
    if (!session) return false;
    if (channelId === session.supervisorChannelId) void this.feed(session.id, { type: 'supervisorGone' });
    else void this.feed(session.id, { type: 'snoopGone', channelId });
    return true;
  }

  /**
   * Ends the sessions a previous process of this node left in Redis (`telephonyRestart`), then
   * hangs up monitoring channels (`mon-…`) of sessions this process does not know and destroys
   * their bridges: after a restart nothing of a forgotten session may stay up (the supervisor
   * would keep hearing the call, unaudited).
   */
  async sweep(): Promise<void> {
    await this.endOrphanedSessions();
    const { ari, log } = this.deps;
    const channels = await ari.listChannels();
    const orphans = channels.filter((c) => /^mon-.+-(sup|snoop\d+)$/.test(c.id) && !this.byChannel.has(c.id));
    const sessions = new Set(orphans.map((c) => c.id.replace(/-(sup|snoop\d+)$/, '')));
    for (const c of orphans) await ari.hangup(c.id).catch(() => undefined);
    for (const id of sessions) await ari.destroyBridge(`${id}-mon`).catch(() => undefined);
    if (orphans.length > 0)
      log.warn({ channels: orphans.map((c) => c.id) }, 'hung up monitoring channels of unknown sessions');
  }

  drain(): Promise<void> {
    return this.chains.drain();
  }

  /** Every stored session this process does not run: its process is gone, so it ends here. */
  private async endOrphanedSessions(): Promise<void> {
    let stored: MonitorSession[];
    try {
      stored = await this.store.list();
    } catch (err) {
      this.deps.log.warn({ err: String(err) }, 'could not read the stored monitoring sessions');
      return;
    }
    for (const orphan of stored) {
      if (this.sessions.has(orphan.id)) continue;
      await this.chains.serial(orphan.id, async () => {
        const now = this.deps.scheduler.now();
        const { session, effects } = applyMonitorEvent(orphan, { type: 'orphaned' }, now);
        for (const effect of effects) await this.perform(session, effect);
        await this.unpersist(session);
        if (session.phase === 'ended') this.restartEnded.push({ state: this.stateOf(session), at: now.getTime() });
        this.deps.log.warn(
          { monitor: session.id, callId: session.callId, supervisorId: session.supervisorId },
          'ended a monitoring session left by a previous process',
        );
      });
    }
  }

  private async open(session: MonitorSession): Promise<void> {
    const { ari } = this.deps;
    try {
      await ari.snoop({
        channelId: session.agentChannelId,
        snoopId: session.snoopChannelId,
        ...snoopDirections(session.mode),
        appArgs: `snoop,${session.id}`,
      });
    } catch (err) {
      if (isNotFound(err))
        throw new TelephonyError('INVALID_STATE', `call ${session.callId} has just ended: there is nothing to monitor`);
      throw new TelephonyError('UNAVAILABLE', `could not snoop on call ${session.callId}: ${String(err)}`);
    }
    try {
      await ari.createBridge(session.bridgeId, 'mixing');
      await ari.originate({
        endpoint: agentEndpoint(session.supervisorPhone),
        channelId: session.supervisorChannelId,
        appArgs: `monitor,${session.id}`,
        timeoutSeconds: this.deps.ringTimeoutSeconds,
        callerId: `"Monitor ${session.agentId}" <1357>`,
      });
    } catch (err) {
      await ari.hangup(session.snoopChannelId).catch(() => undefined);
      await ari.destroyBridge(session.bridgeId).catch(() => undefined);
      throw new TelephonyError('UNAVAILABLE', `could not ring phone ${session.supervisorPhone}: ${String(err)}`);
    }
  }

  private feed(sessionId: string, event: MonitorEvent): Promise<void> {
    return this.chains.serial(sessionId, async () => {
      const before = this.sessions.get(sessionId);
      if (!before) return;
      const { session, effects } = applyMonitorEvent(before, event, this.deps.scheduler.now());
      this.remember(session);
      if (session.phase !== 'ended' && session !== before) await this.persist(session);
      for (const effect of effects) await this.perform(session, effect);
      if (session.phase === 'ended') {
        this.forget(session);
        await this.unpersist(session);
      }
    });
  }

  private async perform(session: MonitorSession, effect: MonitorEffect): Promise<void> {
    const { ari, log } = this.deps;
    const slog = log.child({ monitor: session.id, callId: session.callId });
    try {
      switch (effect.type) {
        case 'createSnoop':
          try {
            await ari.snoop({
              channelId: session.agentChannelId,
              snoopId: effect.channelId,
              ...effect.directions,
              appArgs: `snoop,${session.id}`,
            });
          } catch (err) {
            // Most likely the call just ended: the session ends as if the snoop had gone.
            slog.info({ err: String(err) }, 'snoop for the new mode failed');
            void this.feed(session.id, { type: 'snoopGone', channelId: effect.channelId });
          }
          return;
        case 'bridge':
          return await ari.addChannels(session.bridgeId, [effect.channelId]);
        case 'hangup':
          return await ari.hangup(effect.channelId);
        case 'destroyBridge':
          return await ari.destroyBridge(session.bridgeId);
        case 'audit':
          await this.deps.outbox.record({
            callId: session.callId,
            type: effect.eventType,
            at: this.deps.scheduler.now().toISOString(),
            agentId: session.agentId,
            data: effect.data,
          });
          return;
        case 'notify':
          return this.notify(session);
      }
    } catch (err) {
      // One failed step (a channel that left meanwhile) must not stop the clean-up after it.
      slog.warn({ err: String(err), effect: effect.type }, 'monitoring step failed');
    }
  }

  private notify(session: MonitorSession): void {
    const { bus } = this.deps;
    bus.publish(roomEmit(SUPERVISORS_ROOM, 'monitor.state.v1', this.stateOf(session)));
    if (this.deps.showIndicator)
      bus.toAgent(session.agentId, 'call.monitored.v1', {
        callId: session.callId,
        monitored: session.phase === 'active',
        mode: session.phase === 'active' ? session.mode : null,
      });
  }

  private stateOf(s: MonitorSession): MonitorStateV1 {
    return {
      callId: s.callId,
      agentId: s.agentId,
      supervisorId: s.supervisorId,
      supervisorPhone: s.supervisorPhone,
      mode: s.mode,
      phase: s.phase,
      reason: s.reason,
      at: this.deps.scheduler.now().toISOString(),
    };
  }

  private sessionOf(supervisorId: string): MonitorSession | undefined {
    return [...this.sessions.values()].find((s) => s.supervisorId === supervisorId);
  }

  private requireSession(supervisor: Supervisor, callId: string): MonitorSession {
    const session = this.sessionOf(supervisor.userId);
    if (!session || session.callId !== callId)
      throw new TelephonyError('NOT_FOUND', `you are not monitoring call ${callId}`);
    return session;
  }

  /** Copies the session to Redis; a failed write only weakens what a restart can clean up. */
  private async persist(session: MonitorSession): Promise<void> {
    await this.store
      .save(session)
      .catch((err: unknown) =>
        this.deps.log.warn({ err: String(err), monitor: session.id }, 'could not store session'),
      );
  }

  private async unpersist(session: MonitorSession): Promise<void> {
    await this.store
      .remove(session.id)
      .catch((err: unknown) => this.deps.log.warn({ err: String(err), monitor: session.id }, 'could not drop session'));
  }

  private remember(session: MonitorSession): void {
    this.sessions.set(session.id, session);
    for (const channelId of channelsOf(session)) this.byChannel.set(channelId, session.id);
  }

  private forget(session: MonitorSession): void {
    this.sessions.delete(session.id);
    for (const channelId of channelsOf(session)) this.byChannel.delete(channelId);
  }
}
