import { randomUUID } from 'node:crypto';
import { type CallerPop, IvrSmsTopic, PARTNERS, PartnerId } from '@cc1357/contracts';
import type { Logger } from 'pino';
import type { CallEffect, CallEvent, LiveCall } from '../core/call';
import type { AriPort } from '../adapters/ari/port';
import type { CrmClient } from '../adapters/crm/client';
import { type PlatformPromptId, promptMedia } from '../adapters/ivr';
import type { Scheduler, TimerHandle } from './scheduler';

/** The dial string of a partner center: its number as digits in the configured template. */
export function partnerEndpoint(template: string, partner: PartnerId): string {
  return template.replaceAll('{number}', PARTNERS[partner].number.replace(/\D/g, ''));
}

/** The caller id an outgoing leg shows: the caller's number, or 1357 when it was withheld. */
export function callerIdOf(call: LiveCall): string {
  return call.callerNumber ? `"${call.callerNumber}" <${call.callerNumber}>` : '"1357" <1357>';
}

/** Longest an announcement may take before we stop waiting for its PlaybackFinished (scheduler ms). */
const ANNOUNCE_GUARD_MS = 120_000;

export type OutcomeEffect = Extract<CallEffect, { type: 'requestCallback' | 'requestSms' | 'announce' | 'originatePartner' | 'createRelay' }>;

export interface OutcomeEffectsDeps {
  ari: AriPort;
  crm: CrmClient;
  scheduler: Scheduler;
  partnerRingTimeoutSeconds: number;
  /** Feeds what happened back to the call machine (queued behind the call's other work). */
  feed: (callId: string, event: CallEvent) => Promise<void>;
  pop: (call: LiveCall) => Promise<CallerPop>;
}

/**
 * Performs the effects of IVR outcomes beyond a queue — callback and SMS requests to crm-api,
 * announcements after the IVR, the partner leg and its relay package — and feeds the results
 * back as call events. Requests run outside the call's serial chain (they wait on HTTP).
 */
export class OutcomeEffects {
  /** Announcements (confirmations, apologies): playback id → call. */
  private readonly announcements = new Map<string, { callId: string; guard: TimerHandle }>();
  /** Calls waiting for crm-api to take a callback / SMS request. */
  private readonly pending = new Set<string>();

  constructor(private readonly deps: OutcomeEffectsDeps) {}

  static handles(effect: CallEffect): effect is OutcomeEffect {
    return ['requestCallback', 'requestSms', 'announce', 'originatePartner', 'createRelay'].includes(effect.type);
  }

  async perform(call: LiveCall, effect: OutcomeEffect, log: Logger): Promise<void> {
    switch (effect.type) {
      case 'requestCallback':
        this.request(call.callId, async () => {
          const note = `IVR: ${call.ivrPath.join(' › ')}`.slice(0, 1000);
          const { result, id, status } = await this.deps.crm.createCallback({ number: effect.number, queue: effect.queue, dueAt: this.deps.scheduler.now().toISOString(), callId: call.callId, note });
          return { type: 'selfServiceDone', result, data: { ...(id ? { callbackId: id } : {}), ...(status ? { status } : {}), duplicate: result === 'duplicate' } };
        });
        return;
      case 'requestSms': {
        const topic = IvrSmsTopic.safeParse(effect.topic);
        if (!topic.success) {
          // A flow with a topic crm-api does not know: apologise rather than send something else.
          log.warn({ topic: effect.topic }, 'unknown SMS topic');
          void this.deps.feed(call.callId, { type: 'selfServiceDone', result: 'failed', data: { reason: 'unknown topic' } });
          return;
        }
        this.request(call.callId, async () => {
          const { result, id, status } = await this.deps.crm.ivrSms({ idempotencyKey: `ivr-sms-${call.callId}`, callId: call.callId, number: effect.number, topic: topic.data });
          return { type: 'selfServiceDone', result, data: { ...(id ? { smsId: id } : {}), ...(status ? { status } : {}) } };
        });
        return;
      }
      case 'announce':
        // `satisfies`: an apology the core names must be one of ivr-flows' platform prompts.
        await this.announce(call, 'media' in effect ? effect.media : [promptMedia(effect.apology satisfies PlatformPromptId)], log);
        return;
      case 'originatePartner':
        try {
          await this.deps.ari.originate({
            endpoint: effect.endpoint,
            channelId: effect.channelId,
            appArgs: `partner,${call.callId}`,
            timeoutSeconds: this.deps.partnerRingTimeoutSeconds,
            callerId: callerIdOf(call),
          });
        } catch (err) {
          log.warn({ err: String(err), endpoint: effect.endpoint }, 'originate to partner failed');
          void this.deps.feed(call.callId, { type: 'partnerLost', channelId: effect.channelId, reason: 'failed' });
        }
        return;
      case 'createRelay':
        void this.relay(call, effect.partner, log);
        return;
    }
  }

  /** A PlaybackFinished that may be one of our announcements; true if it was. */
  playbackFinished(playbackId: string): boolean {
    const a = this.announcements.get(playbackId);
    if (!a) return false;
    this.announcements.delete(playbackId);
    this.deps.scheduler.clearTimeout(a.guard);
    void this.deps.feed(a.callId, { type: 'announced' });
    return true;
  }

  /** Whether this process is still working for the call (a request in flight, a prompt playing). */
  busyWith(callId: string): boolean {
    return this.pending.has(callId) || [...this.announcements.values()].some((a) => a.callId === callId);
  }

  forget(callId: string): void {
    for (const [playbackId, a] of this.announcements) {
      if (a.callId !== callId) continue;
      this.deps.scheduler.clearTimeout(a.guard);
      this.announcements.delete(playbackId);
    }
  }

  close(): void {
    for (const a of this.announcements.values()) this.deps.scheduler.clearTimeout(a.guard);
    this.announcements.clear();
  }

  private request(callId: string, work: () => Promise<CallEvent>): void {
    this.pending.add(callId);
    void work().then((event) => {
      this.pending.delete(callId);
      return this.deps.feed(callId, event);
    });
  }

  /** Plays prompts to the caller; `announced` follows when they finish (or cannot play). */
  private async announce(call: LiveCall, media: string[], log: Logger): Promise<void> {
    const playbackId = randomUUID();
    const guard = this.deps.scheduler.setTimeout(() => this.playbackFinished(playbackId), ANNOUNCE_GUARD_MS);
    this.announcements.set(playbackId, { callId: call.callId, guard });
    try {
      await this.deps.ari.play(call.callerChannelId, media, playbackId);
    } catch (err) {
      log.warn({ err: String(err) }, 'announcement failed to play; moving on');
      this.playbackFinished(playbackId);
    }
  }

  /** The relay package travels with the transfer so the partner does not ask again (best effort). */
  private async relay(call: LiveCall, partner: string, log: Logger): Promise<void> {
    const partnerId = PartnerId.safeParse(partner);
    if (!partnerId.success) return;
    const pop = await this.deps.pop(call).catch(() => null);
    const company = pop?.status === 'known' && pop.companies.length === 1 ? pop.companies[0] : undefined;
    const ok = await this.deps.crm.createRelay({
      idempotencyKey: `ivr-transfer-${call.callId}`,
      partnerId: partnerId.data,
      callId: call.callId,
      callerNumber: call.callerNumber,
      companyId: company && /^\d{1,18}$/.test(company.id) ? company.id : null,
      question: `1357 IVR에서 ${PARTNERS[partnerId.data].nameKo}(으)로 연결: ${call.ivrPath.join(' › ')}`.slice(0, 4000),
      context: '',
    });
    if (!ok) log.warn({ partner }, 'relay package not recorded');
  }
}
