import type { PartnerId, QueueId } from '@cc1357/contracts';
import type { Rng } from './rng';

/**
 * What the simulated counselor does at the desk with a talking caller beyond answering and
 * hanging up: hold and resume, a blind transfer to the call's queue or to a named counselor,
 * or a relay to a partner center. Decided up front per call, purely from a seeded RNG (the
 * demo) or by the smoke script, so a run is repeatable and the smoke check knows how many
 * transfers and relays to expect — whichever bot happens to take the call.
 */

export type DeskAction = 'plain' | 'hold' | 'transferQueue' | 'transferAgent' | 'relay';

export interface DeskMix {
  hold: number;
  transferQueue: number;
  transferAgent: number;
  relay: number;
}

/** The demo's mix: most calls are plain; a few of each desk feature keep the wallboard's figures alive. */
export const DEFAULT_DESK_MIX: DeskMix = { hold: 0.15, transferQueue: 0.05, transferAgent: 0.05, relay: 0.08 };

export function planDeskAction(rng: Rng, mix: DeskMix = DEFAULT_DESK_MIX): DeskAction {
  let roll = rng();
  for (const action of ['hold', 'transferQueue', 'transferAgent', 'relay'] as const) {
    roll -= mix[action];
    if (roll < 0) return action;
  }
  return 'plain';
}

/** Digits only; a withheld number ('' or null) is ''. Bots see the offer's number, callers dial with their own. */
export const callerKey = (number: string | null | undefined): string => (number ?? '').replace(/\D/g, '');

/**
 * The desk actions of calls in flight, by caller number: the caller generator assigns one
 * before dialling, the bot that first talks to the caller takes it. Per number first in, first
 * out (the same company may call twice); a number with nothing assigned is a plain call.
 */
export class DeskPlan {
  private readonly pending = new Map<string, DeskAction[]>();

  assign(callerNumber: string | null, action: DeskAction): void {
    const key = callerKey(callerNumber);
    const list = this.pending.get(key) ?? [];
    list.push(action);
    this.pending.set(key, list);
  }

  take(callerNumber: string | null): DeskAction {
    const key = callerKey(callerNumber);
    const list = this.pending.get(key);
    const action = list?.shift() ?? 'plain';
    if (list && list.length === 0) this.pending.delete(key);
    return action;
  }

  /** Drops an assignment nobody took (the caller abandoned or hung up before talking). */
  forget(callerNumber: string | null, action: DeskAction): void {
    const key = callerKey(callerNumber);
    const list = this.pending.get(key);
    const i = list?.indexOf(action) ?? -1;
    if (!list || i < 0) return;
    list.splice(i, 1);
    if (list.length === 0) this.pending.delete(key);
  }
}

/**
 * The partner center a relay from each queue goes to (the partner that owns the subject):
 * policy funds to the FSC, start-ups and merchants to MOTIE, R&D to MSIT 1379, export to
 * FTA 1380, hiring to MOEL, the general line to the NTS (tax questions are its commonest stray).
 */
export const PARTNER_OF_QUEUE: Record<QueueId, PartnerId> = {
  fund: 'fsc',
  startup: 'motie',
  merchant: 'motie',
  rnd: 'msit1379',
  export: 'fta1380',
  hr: 'moel',
  general: 'nts',
};

/** Transfers and relays a set of planned actions adds up to (what the smoke summary must show). */
export function deskCounts(actions: readonly DeskAction[]): {
  transfers: number;
  counselorTransfers: number;
  relays: number;
  holds: number;
} {
  const n = (...of: DeskAction[]) => actions.filter((a) => of.includes(a)).length;
  return {
    transfers: n('transferQueue', 'transferAgent'),
    counselorTransfers: n('transferAgent'),
    relays: n('relay'),
    holds: n('hold'),
  };
}
