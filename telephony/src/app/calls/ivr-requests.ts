import { IvrSmsTopic, PARTNERS, PartnerId, QueueId } from '@cc1357/contracts';
import type { Logger } from 'pino';
import type { CallEvent, LiveCall, SelfServiceAction } from '../../core/call';
import type { CrmClient } from '../../adapters/crm/client';
import type { IvrRequest, IvrRequestResult } from '../../adapters/ivr';
import type { LiveState } from '../../adapters/redis/live-state';
import type { Scheduler } from '../../clock/scheduler';
import type { CallStepper } from './call-stepper';
import type { CallerPops } from './caller-pops';
import type { CallMemory, EffectHandlers } from './effects';

/** What of crm-api the IVR's outcomes write (the one place telephony asks crm-api to act). */
export type IvrRequestCrm = Pick<CrmClient, 'createCallback' | 'ivrSms' | 'createRelay'>;

export interface IvrRequestsDeps {
  crm: IvrRequestCrm;
  state: LiveState;
  stepper: CallStepper;
  scheduler: Scheduler;
  pops: CallerPops;
}

type Answer = Extract<CallEvent, { type: 'selfServiceDone' }>;

/**
 * What the IVR asks crm-api for — a callback, an SMS — and the relay package of a partner
 * transfer. The call machine is told the request started and how it ended (it records the call
 * event); the IVR is told the result and confirms or apologises. Requests run outside the call's
 * serial chain (they wait on HTTP).
 */
export class IvrRequests implements CallMemory {
  /** Calls waiting for crm-api to take a callback / SMS request. */
  private readonly pending = new Set<string>();

  constructor(private readonly deps: IvrRequestsDeps) {}

  /**
   * Inside `serial(callId)`: the call enters self-service, the request goes out, and when crm-api
   * answers the machine records the result and `answered` hands it to the IVR.
   */
  async start(
    callId: string,
    request: IvrRequest,
    path: string[],
    answered: (result: IvrRequestResult) => Promise<void>,
  ): Promise<void> {
    const call = await this.deps.state.getCall(callId);
    if (!call) return;
    const number = request.number ?? call.callerNumber;
    // After hours the flow books a callback without a queue: the general queue calls back.
    const queue = QueueId.safeParse(request.kind === 'callback' ? request.queue : null);
    const action: SelfServiceAction =
      request.kind === 'callback'
        ? { kind: 'callback', number, queue: queue.success ? queue.data : 'general' }
        : { kind: 'sms', number, topic: request.topic };
    await this.deps.stepper.step(call, { type: 'selfServiceRequested', action, path });
    this.pending.add(callId);
    void this.ask({ ...call, state: 'selfService', action, ivrPath: path }, action)
      .catch((err: unknown): Answer => ({ type: 'selfServiceDone', result: 'failed', data: { reason: String(err) } }))
      .then(async (answer) => {
        this.pending.delete(callId);
        await this.deps.stepper.feed(callId, answer);
        await answered(answer.result);
      });
  }

  handlers(): Pick<EffectHandlers, 'createRelay'> {
    return {
      createRelay: async (effect, { call, log }) => void this.relay(call, effect.partner, log),
    };
  }

  /** Whether a request of the call is in flight. */
  busyWith(callId: string): boolean {
    return this.pending.has(callId);
  }

  forget(_callId: string): void {
    // A request in flight still answers; the machine and the IVR ignore it for a call that is gone.
  }

  private async ask(call: LiveCall, action: SelfServiceAction): Promise<Answer> {
    const { crm } = this.deps;
    if (!action.number) {
      // Nothing to call back or text (the flow should have asked): apologise instead of pretending.
      return { type: 'selfServiceDone', result: 'notMobile', data: { reason: 'no number' } };
    }
    if (action.kind === 'callback') {
      const note = `IVR: ${call.ivrPath.join(' › ')}`.slice(0, 1000);
      const { result, id, status } = await crm.createCallback({
        number: action.number,
        queue: action.queue,
        dueAt: this.deps.scheduler.now().toISOString(),
        callId: call.callId,
        note,
      });
      return {
        type: 'selfServiceDone',
        result,
        data: { ...(id ? { callbackId: id } : {}), ...(status ? { status } : {}), duplicate: result === 'duplicate' },
      };
    }
    const topic = IvrSmsTopic.safeParse(action.topic);
    // A flow with a topic crm-api does not know: apologise rather than send something else.
    if (!topic.success) return { type: 'selfServiceDone', result: 'failed', data: { reason: 'unknown topic' } };
    const { result, id, status } = await crm.ivrSms({
      idempotencyKey: `ivr-sms-${call.callId}`,
      callId: call.callId,
      number: action.number,
      topic: topic.data,
    });
    return { type: 'selfServiceDone', result, data: { ...(id ? { smsId: id } : {}), ...(status ? { status } : {}) } };
  }

  /** The relay package travels with the transfer so the partner does not ask again (best effort). */
  private async relay(call: LiveCall, partner: string, log: Logger): Promise<void> {
    const partnerId = PartnerId.safeParse(partner);
    if (!partnerId.success) return;
    const pop = await this.deps.pops.of(call).catch(() => null);
    const company = pop?.status === 'known' && pop.companies.length === 1 ? pop.companies[0] : undefined;
    const ok = await this.deps.crm.createRelay({
      idempotencyKey: `ivr-transfer-${call.callId}`,
      partnerId: partnerId.data,
      callId: call.callId,
      callerNumber: call.callerNumber,
      companyId: company && /^\d{1,18}$/.test(company.id) ? company.id : null,
      question: `1357 IVR에서 ${PARTNERS[partnerId.data].nameKo}(으)로 연결: ${call.ivrPath.join(' › ')}`.slice(
        0,
        4000,
      ),
      context: '',
    });
    if (!ok) log.warn({ partner }, 'relay package not recorded');
  }
}
