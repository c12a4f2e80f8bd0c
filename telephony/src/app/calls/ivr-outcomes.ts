import { randomUUID } from 'node:crypto';
import { PartnerId, QueueId } from '@cc1357/contracts';
import type { Logger } from 'pino';
import type { IvrAction } from '../../core/call';
import type { IvrOutcome } from '../../adapters/ivr';
import type { LiveState } from '../../adapters/redis/live-state';
import { partnerEndpoint } from './call-media';
import type { CallStepper } from './call-stepper';

export interface IvrOutcomesDeps {
  state: LiveState;
  stepper: CallStepper;
  log: Logger;
  /** `PJSIP/{number}` (pbx-sim) or e.g. `PJSIP/{number}@partner-trunk` (Asterisk). */
  partnerDialTemplate: string;
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
    await this.deps.stepper.step(call, {
      type: 'ivrFinished',
      queue,
      priority,
      path,
      outcome: { ...outcome },
      ...(action ? { action } : {}),
    });
  }
}
