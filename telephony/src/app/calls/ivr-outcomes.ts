import { randomUUID } from 'node:crypto';
import { PartnerId, QueueId } from '@cc1357/contracts';
import type { Logger } from 'pino';
import type { IvrAction } from '../../core/call';
import type { IvrOutcome } from '../../adapters/ivr';
import type { LiveState } from '../../adapters/redis/live-state';
import type { AdmissionDecision } from '../../core/admission';
import { partnerEndpoint } from './call-media';
import type { CallStepper } from './call-stepper';

export interface IvrOutcomesDeps {
  state: LiveState;
  stepper: CallStepper;
  log: Logger;
  /** `PJSIP/{number}` (pbx-sim) or e.g. `PJSIP/{number}@partner-trunk` (Asterisk). */
  partnerDialTemplate: string;
  /**
   * Admission control at the queue's door (absent: every caller is queued). A refused caller hears
   * the busy message and is counted for the wallboard (`refused`).
   */
  admission?: {
    decide(queue: QueueId): Promise<AdmissionDecision>;
    refused(queue: QueueId): Promise<void>;
  };
}

/** Turns the outcome the IVR finished with into the call machine's `ivrFinished` event. */
export class IvrOutcomes {
  constructor(private readonly deps: IvrOutcomesDeps) {}

  /** Inside `serial(callId)`. */
  async finished(callId: string, outcome: IvrOutcome, path: string[]): Promise<void> {
    const call = await this.deps.state.getCall(callId);
    if (!call) return;
    let queue: QueueId | null = null;
    let priority = 0;
    let action: IvrAction | undefined;
    switch (outcome.kind) {
      case 'queue': {
        const parsed = QueueId.safeParse(outcome.queue);
        queue = parsed.success ? parsed.data : 'general';
        priority = outcome.priority;
        break;
      }
      case 'callback':
      case 'sms':
        // The IVR already asked crm-api and confirmed (or apologised): the call just ends.
        break;
      case 'transfer': {
        const partner = PartnerId.safeParse(outcome.partner);
        if (partner.success) {
          const endpoint = partnerEndpoint(this.deps.partnerDialTemplate, partner.data);
          action = { kind: 'transfer', partner: partner.data, endpoint, channelId: randomUUID() };
        } else {
          this.deps.log.warn({ callId, outcome }, 'unknown partner; queueing to general');
          queue = 'general';
        }
        break;
      }
      case 'hangup':
        break;
    }
    const refused = queue ? await this.refusal(callId, queue) : null;
    await this.deps.stepper.step(call, {
      type: 'ivrFinished',
      queue,
      priority,
      path,
      outcome: { ...outcome },
      ...(action ? { action } : {}),
      ...(refused ? { refused } : {}),
    });
  }

  /** Why `queue` does not admit this caller, or null when it does (or admission control is off). */
  private async refusal(callId: string, queue: QueueId): Promise<'depth' | 'wait' | null> {
    const admission = this.deps.admission;
    if (!admission) return null;
    // A caller is never refused because the check itself failed: queueing them is the old behaviour.
    const decision = await admission.decide(queue).catch((err: unknown) => {
      this.deps.log.warn({ err: String(err), callId, queue }, 'admission check failed; queueing the caller');
      return { admit: true } as const;
    });
    if (decision.admit) return null;
    this.deps.log.info(
      { callId, queue, reason: decision.reason },
      `queue ${queue} is full (${decision.reason}): busy message`,
    );
    await admission
      .refused(queue)
      .catch((err: unknown) =>
        this.deps.log.warn({ err: String(err), callId, queue }, 'could not count a refused caller'),
      );
    return decision.reason;
  }
}
