import type { ConsoleBus } from '../../adapters/console/bus';
import type { LiveState } from '../../adapters/redis/live-state';
import type { AgentService } from '../agent-service';
import { placeTimeOfScore } from '../../core/acd';
import type { EffectHandlers } from './effects';

/**
 * The call's place on the floor: its queue entry, the agent it involves, and the nudges that make
 * every process's ACD and wallboards look again.
 */
export class QueueEffects {
  constructor(private readonly deps: { state: LiveState; bus: ConsoleBus; agents: AgentService }) {}

  handlers(): Pick<EffectHandlers, 'enqueue' | 'takePlace' | 'dequeue' | 'agent' | 'dispatch'> {
    const { state, bus, agents } = this.deps;
    return {
      enqueue: async (effect, { call }) => {
        await state.enqueue(effect.queue, call.callId, effect.score);
        bus.nudgeFloor();
      },
      takePlace: async (effect, cx) => {
        const score = await state.takePlace(effect.queue, cx.call.callId, effect.score, effect.priority);
        if (score !== effect.score) {
          // Another node's later stamp took its place first: this call's place is behind it. The
          // saved call says so, for its waits, its later requeues and its `queue.entered`.
          cx.call.enqueuedAt = placeTimeOfScore(score, effect.priority);
          await state.saveCall(cx.call);
          cx.log.debug({ movedMs: score - effect.score }, 'place taken behind a later stamp');
        }
        bus.nudgeFloor();
      },
      dequeue: async (effect, { call }) => {
        await state.dequeue(effect.queue, call.callId);
        bus.nudgeFloor();
      },
      agent: async (effect, { log }) => {
        await agents
          .apply(effect.agentId, effect.event)
          .catch((err: unknown) => log.warn({ err: String(err), agent: effect.agentId }, 'agent update refused'));
      },
      dispatch: async () => bus.nudgeDispatch(),
    };
  }
}
