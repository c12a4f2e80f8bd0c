import { QueueId } from '@cc1357/contracts';
import type { FactKey } from '../../adapters/ivr';
import type { LiveState } from '../../adapters/redis/live-state';
import type { CallerPops } from './caller-pops';

/** Answers the facts a flow asks about (`query` effects): whether the caller is known, how long the wait is. */
export class IvrFacts {
  constructor(private readonly deps: { state: LiveState; pops: CallerPops }) {}

  async fact(callId: string, key: FactKey, queue?: string): Promise<unknown> {
    const { state, pops } = this.deps;
    if (key === 'callerKnown') {
      const call = await state.getCall(callId);
      return call ? (await pops.of(call)).status === 'known' : false;
    }
    const q = QueueId.safeParse(queue);
    const waiting = q.success ? await state.queueLength(q.data) : 0;
    return waiting * 60; // a simple estimate: a minute per caller ahead
  }
}
