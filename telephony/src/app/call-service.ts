import { randomUUID } from 'node:crypto';
import { type CallConnectedV1, type CallEndedV1, type CallOfferedV1, type CallerPop, PartnerId, QUEUE_IDS, QueueId, queueById } from '@cc1357/contracts';
import type { Logger } from 'pino';
import { pickAgent, queueScore } from '../core/acd';
import { type AgentRecord, applyAgentEvent } from '../core/agent-state';
import { type CallEffect, type CallEvent, type IvrAction, type LiveCall, applyCallEvent, newCall } from '../core/call';
import { TelephonyError } from '../core/errors';
import { AriEvent, HANDLED_EVENT_TYPES } from '../adapters/ari/events';
import type { AriPort, RawAriEvent } from '../adapters/ari/port';
import type { ConsoleBus } from '../adapters/console/bus';
import type { CrmClient } from '../adapters/crm/client';
import type { CallEventOutbox } from '../adapters/crm/outbox';
import type { IvrEngine, IvrOutcome, PromptRef } from '../adapters/ivr';
import type { PhoneDriver } from '../adapters/phone-driver';
import type { LiveState, Versioned } from '../adapters/redis/live-state';
import type { AgentService } from './agent-service';
import { IvrDriver } from './ivr-driver';
import { OutcomeEffects, callerIdOf, partnerEndpoint } from './outcome-effects';
import type { Scheduler, TimerHandle } from './scheduler';

export interface CallServiceDeps {
  node: string;
  ari: AriPort;
  state: LiveState;
  agents: AgentService;
  outbox: CallEventOutbox;
  crm: CrmClient;
  bus: ConsoleBus;
  phone: PhoneDriver;
  ivr: IvrEngine;
  scheduler: Scheduler;
  log: Logger;
  ringTimeoutSeconds: number;
  wrapUpSeconds: number;
  /** `PJSIP/{number}` (pbx-sim) or e.g. `PJSIP/{number}@partner-trunk` (Asterisk). */
  partnerDialTemplate: string;
  partnerRingTimeoutSeconds: number;
}

/**
 * The call use cases of one telephony node: ARI events in → pure call machine → effects out.
 * Work for one call is serialised (a promise chain per call id) so events never interleave.
 * Only this node touches the channels of its calls (`call.node`); the ACD reservation is the
 * one place processes compete, and it is atomic in Redis.
 */
export class CallService {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly pops = new Map<string, Promise<CallerPop>>();
  private readonly ringTimers = new Map<string, TimerHandle>();
  private readonly outcomes: OutcomeEffects;
  private readonly ivr: IvrDriver;
  private dispatching: Promise<void> | null = null;
  private dispatchAgain = false;
  private closed = false;
  private readonly log: Logger;

  constructor(private readonly deps: CallServiceDeps) {
    this.log = deps.log;
    this.outcomes = new OutcomeEffects({
      ari: deps.ari,
      crm: deps.crm,
      scheduler: deps.scheduler,
      partnerRingTimeoutSeconds: deps.partnerRingTimeoutSeconds,
      feed: (callId, event) => this.feedByCall(callId, event),
      pop: (call) => this.popOf(call),
    });
    this.ivr = new IvrDriver({
      engine: deps.ivr,
      ari: deps.ari,
      scheduler: deps.scheduler,
      log: deps.log,
      serial: (callId, work) => this.serial(callId, work),
      facts: (callId, key, queue) => this.fact(callId, key, queue),
      onStep: (callId, step, data) => void this.recordById(callId, 'ivr.step', { nodeId: step.nodeId, nodeType: step.nodeType, ...data }),
      onFinish: (callId, outcome, path, deferred) => this.ivrFinished(callId, outcome, path, deferred),
    });
  }

  serial(callId: string, work: () => Promise<void>): Promise<void> {
    const previous = this.chains.get(callId) ?? Promise.resolve();
    const next = previous.then(work).catch((err: unknown) => this.log.error({ err, callId }, 'call work failed'));
    this.chains.set(callId, next);
    void next.finally(() => {
      if (this.chains.get(callId) === next) this.chains.delete(callId);
    });
    return next;
  }

  /* ---------- ARI events in ---------- */

  onAriEvent(raw: RawAriEvent): void {
    if (this.closed || !raw || typeof raw.type !== 'string' || !HANDLED_EVENT_TYPES.has(raw.type)) return;
    const parsed = AriEvent.safeParse(raw);
    if (!parsed.success) {
      this.log.warn({ type: raw.type, issues: parsed.error.issues.slice(0, 3) }, 'malformed ARI event ignored');
      return;
    }
    const event = parsed.data;
    switch (event.type) {
      case 'StasisStart': {
        const [role, callId] = event.args;
        if (role === 'inbound') void this.inbound(event.channel.id, event.channel.caller?.number || null);
        else if (role === 'agent' && callId) void this.feedByCall(callId, { type: 'agentAnswered', agentChannelId: event.channel.id });
        else if (role === 'partner' && callId) void this.feedByCall(callId, { type: 'partnerAnswered', channelId: event.channel.id });
        else this.log.warn({ channelId: event.channel.id, args: event.args }, 'StasisStart with unknown args ignored');
        return;
      }
      case 'StasisEnd':
        this.guard(this.channelGone(event.channel.id, 'stasisEnd'), event.type);
        return;
      case 'ChannelDestroyed':
        this.guard(this.channelGone(event.channel.id, event.cause === 19 ? 'noAnswer' : 'destroyed'), event.type);
        return;
      case 'ChannelDtmfReceived':
        this.guard(
          this.state.callIdOfChannel(this.deps.node, event.channel.id).then((callId) => {
            if (callId && this.ivr.has(callId)) this.ivr.digit(callId, event.digit);
          }),
          event.type,
        );
        return;
      case 'PlaybackFinished':
        if (!this.ivr.playbackFinished(event.playback.id)) this.outcomes.playbackFinished(event.playback.id);
        return;
      case 'RecordingFinished':
      case 'RecordingFailed': {
        const callId = event.recording.name.split('/').pop();
        if (callId && event.recording.name.startsWith('cc/')) {
          void this.deps.outbox
            .record({ callId, type: 'recording.finished', at: this.now().toISOString(), data: { name: event.recording.name, state: event.recording.state, durationSeconds: event.recording.duration ?? null, cause: event.recording.cause ?? null } })
            .catch((err: unknown) => this.log.error({ err: String(err) }, 'could not record recording.finished'));
        }
        return;
      }
      case 'ApplicationReplaced':
        this.log.error('another process took over the ARI application; this node no longer receives events');
        return;
      default:
        return;
    }
  }

  /** Fire-and-forget work from an event handler: a failure is logged, never an unhandled rejection. */
  private guard(work: Promise<unknown>, what: string): void {
    work.catch((err: unknown) => this.log.error({ err: String(err), what }, 'ARI event handling failed'));
  }

  private get state(): LiveState {
    return this.deps.state;
  }

  private now(): Date {
    return this.deps.scheduler.now();
  }

  private async inbound(channelId: string, callerNumber: string | null): Promise<void> {
    const callId = randomUUID();
    await this.serial(callId, async () => {
      const call = newCall({ callId, node: this.deps.node, callerChannelId: channelId, callerNumber }, this.now());
      const log = this.log.child({ callId, channelId });
      log.info({ callerNumber }, `call ${callId} arrived`);
      await this.state.saveCall(call);
      // Prefetch: the pop is ready long before an agent is.
      this.pops.set(callId, this.deps.crm.callerPop(callerNumber, callId));
      await this.record(call, 'call.arrived', {});
      try {
        await this.deps.ari.answer(channelId);
      } catch (err) {
        log.warn({ err: String(err) }, 'answer failed; caller probably gone');
        return;
      }
      await this.record(call, 'call.answered', {});
      await this.ivr.start(callId, channelId, callerNumber);
    });
  }

  private async channelGone(channelId: string, why: 'stasisEnd' | 'noAnswer' | 'destroyed'): Promise<void> {
    const callId = await this.state.callIdOfChannel(this.deps.node, channelId);
    if (!callId) return; // not ours (or already forgotten): nothing to do
    await this.serial(callId, async () => {
      const call = await this.state.getCall(callId);
      if (!call) return;
      if (channelId === call.callerChannelId) return this.step(call, { type: 'callerHangup' });
      if (channelId === call.agentChannelId) {
        if (call.state === 'offering') return this.step(call, { type: 'agentLost', agentChannelId: channelId, reason: why === 'noAnswer' ? 'noAnswer' : 'rejected' });
        return this.step(call, { type: 'agentHangup', agentChannelId: channelId });
      }
      if (channelId === call.partnerChannelId) {
        if (call.state === 'transferring') return this.step(call, { type: 'partnerLost', channelId, reason: why === 'noAnswer' ? 'noAnswer' : 'rejected' });
        return this.step(call, { type: 'partnerHangup', channelId });
      }
    });
  }

  feedByCall(callId: string, event: CallEvent): Promise<void> {
    return this.serial(callId, async () => {
      const call = await this.state.getCall(callId);
      if (!call) {
        if (event.type === 'agentAnswered') await this.deps.ari.hangup(event.agentChannelId).catch(() => undefined);
        return;
      }
      await this.step(call, event);
    });
  }

  private async ivrFinished(callId: string, outcome: IvrOutcome, path: string[], deferred: PromptRef[] = []): Promise<void> {
    const call = await this.state.getCall(callId);
    if (!call) return;
    let queue: QueueId | null = null;
    let priority = 0;
    let action: IvrAction | undefined;
    const media = deferred.map((p) => p.media);
    switch (outcome.kind) {
      case 'queue': {
        const parsed = QueueId.safeParse(outcome.queue);
        queue = parsed.success ? parsed.data : 'general';
        priority = outcome.priority;
        break;
      }
      case 'callback': {
        // After hours the flow books a callback without a queue: the general queue calls back.
        const parsed = QueueId.safeParse(outcome.queue);
        action = { kind: 'callback', number: outcome.number ?? call.callerNumber, queue: parsed.success ? parsed.data : 'general', prompts: media };
        break;
      }
      case 'sms':
        action = { kind: 'sms', number: outcome.number ?? call.callerNumber, topic: outcome.topic, prompts: media };
        break;
      case 'transfer': {
        const partner = PartnerId.safeParse(outcome.partner);
        if (partner.success) {
          const endpoint = partnerEndpoint(this.deps.partnerDialTemplate, partner.data);
          action = { kind: 'transfer', partner: partner.data, endpoint, channelId: randomUUID() };
        } else {
          this.log.warn({ callId, outcome }, 'unknown partner; queueing to general');
          queue = 'general';
        }
        break;
      }
      case 'hangup':
        break;
    }
    await this.step(call, { type: 'ivrFinished', queue, priority, path, outcome: { ...outcome }, ...(action ? { action } : {}) });
  }

  /** Runs one event through the machine and performs its effects. Inside `serial(call.callId)`. */
  private async step(call: LiveCall, event: CallEvent): Promise<void> {
    const { call: next, effects } = applyCallEvent(call, event, this.now(), { wrapUpSeconds: this.deps.wrapUpSeconds });
    const log = this.log.child({ callId: call.callId, channelId: call.callerChannelId, queue: next.queue, agent: next.agentId ?? call.agentId });
    if (next.state !== call.state) log.info({ event: event.type }, `call ${call.callId} ${call.state} → ${next.state}`);
    if (!effects.some((e) => e.type === 'forget')) await this.state.saveCall(next);
    for (const effect of effects) {
      try {
        await this.perform(call, next, effect, log);
      } catch (err) {
        log.error({ err: String(err), effect: effect.type }, 'call effect failed');
      }
    }
  }

  private async perform(before: LiveCall, call: LiveCall, effect: CallEffect, log: Logger): Promise<void> {
    const { ari, state } = this.deps;
    if (OutcomeEffects.handles(effect)) return this.outcomes.perform(call, effect, log);
    switch (effect.type) {
      case 'hangup':
        await ari.hangup(effect.channelId);
        return;
      case 'holdCaller': {
        const bridgeId = call.holdingBridgeId ?? `${call.callId}-hold`;
        await ari.createBridge(bridgeId, 'holding');
        await ari.addChannels(bridgeId, [call.callerChannelId]);
        await ari.startMoh(bridgeId);
        return;
      }
      case 'enqueue':
        await state.enqueue(effect.queue, call.callId, effect.score);
        this.deps.bus.publish({ kind: 'floor' });
        return;
      case 'dequeue':
        await state.dequeue(effect.queue, call.callId);
        this.deps.bus.publish({ kind: 'floor' });
        return;
      case 'originate':
        try {
          await ari.originate({
            endpoint: `PJSIP/${effect.agentId}`,
            channelId: effect.channelId,
            appArgs: `agent,${call.callId}`,
            timeoutSeconds: this.deps.ringTimeoutSeconds,
            callerId: callerIdOf(call),
          });
        } catch (err) {
          log.warn({ err: String(err), agent: effect.agentId }, 'originate to agent failed');
          void this.feedByCall(call.callId, { type: 'agentLost', agentChannelId: effect.channelId, reason: 'failed' });
        }
        return;
      case 'startRingTimer':
        this.armTimer(call.callId, this.deps.ringTimeoutSeconds * 1000, { type: 'ringTimeout', agentChannelId: effect.agentChannelId });
        return;
      case 'cancelRingTimer':
        this.clearRingTimer(call.callId);
        return;
      case 'connect':
        await this.connect(call, log);
        return;
      case 'destroyBridges':
        for (const id of [call.mixingBridgeId, call.holdingBridgeId]) if (id) await ari.destroyBridge(id);
        return;
      case 'agent':
        await this.deps.agents.apply(effect.agentId, effect.event).catch((err: unknown) => log.warn({ err: String(err), agent: effect.agentId }, 'agent update refused'));
        return;
      case 'notifyOffered': {
        const payload = await this.offerPayload(call);
        await state.redis.hset(state.key('offers'), call.callId, JSON.stringify(payload));
        this.deps.bus.toAgent(effect.agentId, 'call.offered.v1', payload);
        return;
      }
      case 'notifyConnected': {
        const payload: CallConnectedV1 = { callId: call.callId, connectedAt: call.connectedAt ?? this.now().toISOString(), recordingName: call.recordingName };
        this.deps.bus.toAgent(effect.agentId, 'call.connected.v1', payload);
        return;
      }
      case 'notifyEnded': {
        const payload: CallEndedV1 = { callId: call.callId, endedAt: this.now().toISOString(), reason: effect.reason, wrapUpSeconds: Math.round(effect.wrapUpSeconds) };
        await state.redis.hdel(state.key('offers'), call.callId);
        this.deps.bus.toAgent(effect.agentId, 'call.ended.v1', payload);
        return;
      }
      case 'callEvent':
        await this.record(call, effect.eventType, effect.data, before.agentId ?? call.agentId);
        return;
      case 'dispatch':
        this.deps.bus.publish({ kind: 'dispatch' });
        return;
      case 'startPartnerTimer':
        this.armTimer(call.callId, this.deps.partnerRingTimeoutSeconds * 1000, { type: 'partnerLost', channelId: effect.channelId, reason: 'noAnswer' });
        return;
      case 'bridgePartner':
        if (call.partnerChannelId) await this.bridge(call, call.partnerChannelId, log);
        return;
      case 'forget': {
        this.clearRingTimer(call.callId);
        this.ivr.stop(call.callId);
        this.pops.delete(call.callId);
        this.outcomes.forget(call.callId);
        const legs = [before.agentChannelId, before.partnerChannelId, call.partnerChannelId].filter((id): id is string => !!id);
        await state.deleteCall(call, [call.callerChannelId, ...legs]);
        await state.redis.hdel(state.key('offers'), call.callId);
        this.deps.bus.publish({ kind: 'floor' });
        return;
      }
    }
  }

  private async connect(call: LiveCall, log: Logger): Promise<void> {
    const { ari } = this.deps;
    const mix = call.mixingBridgeId ?? `${call.callId}-mix`;
    if (!call.agentChannelId) return;
    if (!(await this.bridge(call, call.agentChannelId, log))) return;
    if (call.recordingName) {
      try {
        await ari.recordBridge(mix, call.recordingName, 'wav');
        await this.record(call, 'recording.started', { name: call.recordingName, format: 'wav' });
      } catch (err) {
        log.error({ err: String(err) }, 'recording did not start');
      }
    }
  }

  /** Moves the caller from the holding bridge into a mixing bridge with `other`; false (and both hung up) if that fails. */
  private async bridge(call: LiveCall, other: string, log: Logger): Promise<boolean> {
    const { ari } = this.deps;
    const mix = call.mixingBridgeId ?? `${call.callId}-mix`;
    try {
      await ari.createBridge(mix, 'mixing');
      if (call.holdingBridgeId) await ari.stopMoh(call.holdingBridgeId).catch(() => undefined);
      if (call.holdingBridgeId) await ari.removeChannel(call.holdingBridgeId, call.callerChannelId);
      await ari.addChannels(mix, [call.callerChannelId, other]);
    } catch (err) {
      // Without a bridge there is no call: end it cleanly (the hangups come back as events).
      log.error({ err: String(err) }, 'could not bridge the caller; ending the call');
      await ari.hangup(call.callerChannelId).catch(() => undefined);
      await ari.hangup(other).catch(() => undefined);
      return false;
    }
    if (call.holdingBridgeId) await ari.destroyBridge(call.holdingBridgeId).catch(() => undefined);
    return true;
  }

  /** The call's one ring timer (agent or partner leg): feeds `event` unless cancelled first. */
  private armTimer(callId: string, ms: number, event: CallEvent): void {
    this.clearRingTimer(callId);
    this.ringTimers.set(
      callId,
      this.deps.scheduler.setTimeout(() => {
        this.ringTimers.delete(callId);
        void this.feedByCall(callId, event);
      }, ms),
    );
  }

  private clearRingTimer(callId: string): void {
    const t = this.ringTimers.get(callId);
    if (t) this.deps.scheduler.clearTimeout(t);
    this.ringTimers.delete(callId);
  }

  private popOf(call: LiveCall): Promise<CallerPop> {
    let pop = this.pops.get(call.callId);
    if (!pop) {
      pop = this.deps.crm.callerPop(call.callerNumber, call.callId);
      this.pops.set(call.callId, pop);
    }
    return pop;
  }

  private async offerPayload(call: LiveCall): Promise<CallOfferedV1> {
    const now = this.now();
    return {
      callId: call.callId,
      queue: call.queue ?? 'general',
      callerNumber: call.callerNumber,
      offeredAt: call.offeredAt ?? now.toISOString(),
      waitedSeconds: call.enqueuedAt ? Math.max(0, (now.getTime() - Date.parse(call.enqueuedAt)) / 1000) : 0,
      ivrPath: call.ivrPath,
      pop: await this.popOf(call),
    };
  }

  private async fact(callId: string, key: 'callerKnown' | 'estimatedWaitSeconds', queue?: string): Promise<unknown> {
    if (key === 'callerKnown') {
      const call = await this.state.getCall(callId);
      return call ? (await this.popOf(call)).status === 'known' : false;
    }
    const q = QueueId.safeParse(queue);
    const waiting = q.success ? await this.state.queueLength(q.data) : 0;
    return waiting * 60; // a simple estimate: a minute per caller ahead
  }

  private async record(call: LiveCall, type: Parameters<CallEventOutbox['record']>[0]['type'], data: Record<string, unknown>, agentId?: string | null): Promise<void> {
    await this.deps.outbox.record({ callId: call.callId, type, at: this.now().toISOString(), queue: call.queue, agentId: agentId ?? call.agentId, callerNumber: call.callerNumber, data });
  }

  private async recordById(callId: string, type: 'ivr.step', data: Record<string, unknown>): Promise<void> {
    const call = await this.state.getCall(callId);
    if (call) await this.record(call, type, data).catch((err: unknown) => this.log.error({ err: String(err) }, 'could not record ivr.step'));
  }

  /* ---------- ACD ---------- */

  /** Offers waiting calls of this node to ready agents. Re-runs if asked again while running. */
  dispatch(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.dispatching) {
      this.dispatchAgain = true;
      return this.dispatching;
    }
    this.dispatching = (async () => {
      do {
        this.dispatchAgain = false;
        try {
          await this.dispatchOnce();
        } catch (err) {
          if (!this.closed) this.log.error({ err: String(err) }, 'dispatch failed');
        }
      } while (this.dispatchAgain && !this.closed);
    })().finally(() => {
      this.dispatching = null;
    });
    return this.dispatching;
  }

  private async dispatchOnce(): Promise<void> {
    const { state } = this.deps;
    // The floor is read once per pass (and only if a call of ours waits), then again only after a
    // reservation changed it: ours, or another process's that made ours fail.
    let agents: Versioned<AgentRecord>[] | null = null;
    for (const queue of QUEUE_IDS) {
      const head = await state.queueHead(queue, 20);
      if (head.length === 0) continue;
      const skill = queueById(queue).skill;
      for (const callId of head) {
        const call = await state.getCall(callId);
        if (!call || call.node !== this.deps.node || call.state !== 'queued') continue;
        agents ??= await state.listAgents();
        const missed = new Set(call.missedBy);
        for (let attempt = 0; attempt < 10; attempt++) {
          const records = agents.map((a) => a.value);
          // Agents who let this call ring out are passed over while another ready agent has the
          // skill; if none has, they get it again rather than leave the caller waiting forever.
          const pick = pickAgent(records, skill, missed) ?? pickAgent(records, skill);
          if (!pick) break;
          const versioned = agents.find((a) => a.value.agentId === pick.agentId);
          const reserved = applyAgentEvent(pick, { type: 'reserve', callId }, this.now());
          if (!versioned || !reserved.ok) break;
          const result = await state.reserve(queue, callId, reserved.agent, versioned.version);
          if (result === 'callGone') break;
          agents = await state.listAgents(); // reserved (that agent is taken) or lost the race: look again
          if (result === 'reserved') {
            this.deps.agents.afterChange(pick, reserved.agent);
            await this.feedByCall(callId, { type: 'offer', agentId: pick.agentId, agentChannelId: randomUUID() });
            break;
          }
        }
      }
    }
  }

  /* ---------- console commands ---------- */

  async answer(agentId: string, callId: string): Promise<void> {
    const call = await this.state.getCall(callId);
    if (!call || call.agentId !== agentId) throw new TelephonyError('NOT_FOUND', `call ${callId} is not offered to agent ${agentId}`);
    if (call.state !== 'offering') throw new TelephonyError('INVALID_STATE', `call ${callId} is ${call.state}, not ringing`);
    await this.deps.phone.answer(agentId);
  }

  async hangup(agentId: string, callId: string): Promise<void> {
    const call = await this.state.getCall(callId);
    if (!call || call.agentId !== agentId || !call.agentChannelId) throw new TelephonyError('NOT_FOUND', `call ${callId} is not with agent ${agentId}`);
    if (call.node !== this.deps.node) throw new TelephonyError('UNAVAILABLE', `call ${callId} is controlled by another node`);
    // Hanging up the agent leg is enough: its StasisEnd / ChannelDestroyed drives the rest.
    await this.deps.ari.hangup(call.agentChannelId);
  }

  /** What a (re)connecting console must see: the call offered to or connected with this agent. */
  async currentCallOf(agentId: string): Promise<{ offered: CallOfferedV1 | null; connected: CallConnectedV1 | null }> {
    const agent = await this.state.getAgent(agentId);
    const callId = agent?.value.callId;
    if (!callId || !['reserved', 'ringing', 'onCall'].includes(agent.value.state)) return { offered: null, connected: null };
    const stored = await this.state.redis.hget(this.state.key('offers'), callId);
    const call = await this.state.getCall(callId);
    const offered = stored ? (JSON.parse(stored) as CallOfferedV1) : call ? await this.offerPayload(call) : null;
    const connected = call?.state === 'connected' ? { callId, connectedAt: call.connectedAt ?? '', recordingName: call.recordingName } : null;
    return { offered, connected };
  }

  /* ---------- resync after an ARI gap or a restart ---------- */

  async resync(): Promise<void> {
    const { ari, state } = this.deps;
    const channels = new Map((await ari.listChannels()).map((c) => [c.id, c]));
    const calls = (await state.listCalls()).filter((c) => c.node === this.deps.node);
    this.log.info({ channels: channels.size, calls: calls.length }, 'resync with Asterisk');
    await Promise.all(
      calls.map((stale) =>
        this.serial(stale.callId, async () => {
          const call = await state.getCall(stale.callId);
          if (!call || call.state === 'ended') return;
          const agentLeg = call.agentChannelId ? channels.get(call.agentChannelId) : undefined;
          if (!channels.has(call.callerChannelId)) {
            this.log.info({ callId: call.callId }, 'caller vanished during the gap');
            await this.step(call, { type: 'callerHangup' });
          } else if (call.state === 'offering' && call.agentChannelId) {
            if (!agentLeg) await this.step(call, { type: 'agentLost', agentChannelId: call.agentChannelId, reason: 'failed' });
            else if (agentLeg.state === 'Up') await this.step(call, { type: 'agentAnswered', agentChannelId: call.agentChannelId });
            else if (!this.ringTimers.has(call.callId)) await this.step(call, { type: 'ringTimeout', agentChannelId: call.agentChannelId });
          } else if (call.state === 'connected' && call.agentChannelId && !agentLeg) {
            await this.step(call, { type: 'agentHangup', agentChannelId: call.agentChannelId });
          } else if (call.state === 'queued' && call.queue && call.enqueuedAt && !(await state.isQueued(call.queue, call.callId))) {
            await state.enqueue(call.queue, call.callId, queueScore(call.enqueuedAt, call.priority));
          } else if ((call.state === 'transferring' || call.state === 'transferred') && call.partnerChannelId && !channels.has(call.partnerChannelId)) {
            await this.step(call, call.state === 'transferring' ? { type: 'partnerLost', channelId: call.partnerChannelId, reason: 'failed' } : { type: 'partnerHangup', channelId: call.partnerChannelId });
          } else if (call.state === 'transferring' && call.partnerChannelId && channels.get(call.partnerChannelId)?.state === 'Up') {
            await this.step(call, { type: 'partnerAnswered', channelId: call.partnerChannelId });
          } else if ((call.state === 'selfService' || call.state === 'announcing') && !this.outcomes.busyWith(call.callId)) {
            // A restarted process does not know whether crm-api got the request: end politely.
            await this.deps.ari.hangup(call.callerChannelId).catch(() => undefined);
          } else if (call.state === 'ivr') {
            if (this.ivr.has(call.callId)) await this.ivr.resync(call.callId);
            else await this.ivr.start(call.callId, call.callerChannelId, call.callerNumber); // restarted process: menu again
          }
        }),
      ),
    );
    await this.dispatch();
  }

  /**
   * Agents holding a call that no longer exists (a process died between reserving and ringing,
   * or mid-call) would stay stuck. After a grace period well past the ring timeout they are
   * released (reserved/ringing → ready) or sent to wrap-up (onCall). Safe to run on every node.
   */
  async repairOrphanedAgents(): Promise<void> {
    const now = this.now().getTime();
    const graceMs = { reserved: this.deps.ringTimeoutSeconds * 1000 + 30_000, ringing: this.deps.ringTimeoutSeconds * 1000 + 30_000, onCall: 30_000 } as const;
    for (const { value: agent } of await this.state.listAgents()) {
      if (agent.state !== 'reserved' && agent.state !== 'ringing' && agent.state !== 'onCall') continue;
      if (now - Date.parse(agent.since) < graceMs[agent.state] || !agent.callId) continue;
      const call = await this.state.getCall(agent.callId);
      if (call && call.agentId === agent.agentId) continue;
      this.log.warn({ agent: agent.agentId, callId: agent.callId, state: agent.state }, 'agent holds a call that no longer exists; freeing it');
      const event = agent.state === 'onCall' ? { type: 'callEnded' as const, callId: agent.callId, wrapUpSeconds: this.deps.wrapUpSeconds } : { type: 'release' as const, callId: agent.callId };
      await this.deps.agents.apply(agent.agentId, event).catch((err: unknown) => this.log.warn({ err: String(err) }, 'could not free agent'));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.ivr.close();
    for (const t of this.ringTimers.values()) this.deps.scheduler.clearTimeout(t);
    this.ringTimers.clear();
    this.outcomes.close();
    await Promise.allSettled([...this.chains.values()]);
  }
}
