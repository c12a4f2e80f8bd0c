import type { CommandAck } from '@cc1357/contracts';
import type { ActionContext } from '../src/actions';
import { INITIAL_DESK, deskReducer, type DeskState } from '../src/features/desk/desk-state';
import { agent, offer } from './factories';

const ok = async (): Promise<CommandAck> => ({ ok: true });

/**
 * The actions' context over `desk`: every phone command succeeds, and hang-ups, holds and mutes are written into
 * `sent` (as `hangup:<call>`, `hold:<call>:<held>`, `mute:<call>:<muted>`) so a test can tell what reached the phone.
 */
export function actionContext(desk: DeskState, sent: string[], online = true): ActionContext {
  return {
    desk,
    online,
    notReadyReason: 'break',
    submitConsultation: () => undefined,
    insertTemplate: null,
    commands: {
      ready: ok,
      notReady: ok,
      answer: ok,
      hangup: async (id) => (sent.push(`hangup:${id}`), ok()),
      hold: async (id, held) => (sent.push(`hold:${id}:${held}`), ok()),
      mute: async (id, muted) => (sent.push(`mute:${id}:${muted}`), ok()),
      recordingPause: async (id, paused) => (sent.push(`recordingPause:${id}:${paused}`), ok()),
      openTransfer: async (id) => (sent.push(`openTransfer:${id}`), ok()),
      transfer: async (c) => (sent.push(`transfer:${c.callId}:${JSON.stringify(c.target)}`), ok()),
      consult: async (id, what) => (sent.push(`consult:${id}:${what}`), ok()),
      relay: async (c) => (sent.push(`relay:${c.callId}:${c.partnerId}`), ok()),
    },
  };
}

/** A desk whose agent is being rung with `offer(over)`. */
export function ringingDesk(over: Parameters<typeof offer>[0] = {}): DeskState {
  return deskReducer(
    { ...INITIAL_DESK, agent: agent({ state: 'ringing' }) },
    { type: 'callOffered', offer: offer(over) },
  );
}
