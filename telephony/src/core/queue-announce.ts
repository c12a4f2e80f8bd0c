import type { QueueId } from '@cc1357/contracts';
import { queueScore } from './acd';
import type { CallEffect, CallEventOf, CallStep, LiveCall } from './call-types';
import { secondsBetween } from './call-types';
import { virtualHoldRefusal } from './virtual-hold';

/**
 * Queue announcements and the maximum wait (issue 16, Routing), pure. While a caller waits in a
 * queue (music in the holding bridge) they hear, every `announceSeconds`, their place and the
 * estimated wait (core/wait-estimate, the IVR's estimator) and — when virtual hold would take
 * them — the invitation to press `*` to keep their place and be called back. A caller who has
 * waited a queue's maximum is overflowed once to the configured other queue, keeping their
 * arrival (same `queueScore`), or else offered the call back once.
 *
 * The playback of an announcement is the call's (`queuePlaybackId`, kept in Redis): the offer to
 * an agent stops it, so the ring never waits for it and the caller is not still listening when
 * bridged (on Asterisk a channel in a bridge plays synchronously: the bridge move would wait).
 */

/** Sino-Korean numerals 1–9 and the tens, composed for 1–99 (`num-20`, `num-3` = 이십삼). */
export type NumberPromptId =
  `num-${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}` | `num-${10 | 20 | 30 | 40 | 50 | 60 | 70 | 80 | 90}`;

/** The prompts of a queue announcement (ivr-flows platform prompts, checked in app/calls/queue-announcer.ts). */
export type QueuePromptId =
  | NumberPromptId
  /** "현재 대기 순번은" … "번입니다." */
  | 'queue-position'
  | 'queue-position-end'
  /** More than 99 callers: "대기 고객이 많습니다." */
  | 'queue-position-many'
  /** "예상 대기 시간은 약" … "분입니다." */
  | 'queue-wait'
  | 'queue-wait-end'
  /** No wait worth a number: "곧 연결해 드리겠습니다." */
  | 'queue-wait-soon'
  /** More than 99 minutes: "대기 시간이 한 시간 이상 걸리겠습니다." */
  | 'queue-wait-long'
  /** "Press * to keep your place and be called back." */
  | 'queue-virtual-hold-offer'
  /** The maximum wait passed: "기다리시게 해서 죄송합니다. 대기 시간이 길어지고 있습니다." */
  | 'queue-max-wait';

/** Highest number the prompts can say; above it a "many" / "long" prompt is played. */
export const MAX_SPOKEN_NUMBER = 99;

/** The numeral prompts of 1–99 (e.g. 23 → num-20, num-3). */
export function numberPrompts(n: number): NumberPromptId[] {
  if (!Number.isInteger(n) || n < 1 || n > MAX_SPOKEN_NUMBER)
    throw new RangeError(`number prompts: ${n} is not a whole number 1–${MAX_SPOKEN_NUMBER}`);
  const tens = Math.floor(n / 10) * 10;
  const ones = n % 10;
  const out: NumberPromptId[] = [];
  if (tens > 0) out.push(`num-${tens}` as NumberPromptId);
  if (ones > 0) out.push(`num-${ones}` as NumberPromptId);
  return out;
}

export interface AnnouncementFacts {
  /** 1 = next in line. */
  position: number;
  /** The estimator's wait for this caller (seconds). */
  estimatedWaitSeconds: number;
  /** Whether `*` would put this caller on virtual hold. */
  virtualHold: boolean;
}

/**
 * The places of a queue's waiting callers, first in line first. A caller on virtual hold keeps
 * their place as a ticket scored like a queue entry (core/virtual-hold), and is served in that
 * turn, so tickets scored before a caller count ahead of them as callers on the line do.
 * `callerScores` ascending (the queue's order); `ticketScores` in any order.
 */
export function placesInLine(callerScores: readonly number[], ticketScores: readonly number[]): number[] {
  const tickets = [...ticketScores].sort((a, b) => a - b);
  let ticketsAhead = 0;
  return callerScores.map((score, i) => {
    // On a tie the caller on the line goes first (the dispatcher serves callers up to the ticket's score).
    while (ticketsAhead < tickets.length && tickets[ticketsAhead]! < score) ticketsAhead++;
    return i + 1 + ticketsAhead;
  });
}

/** What the caller hears: place, wait in whole minutes (rounded up), and the `*` invitation. */
export function announcementPrompts(facts: AnnouncementFacts): QueuePromptId[] {
  const out: QueuePromptId[] = [];
  const position = Math.max(1, Math.floor(facts.position));
  if (position > MAX_SPOKEN_NUMBER) out.push('queue-position-many');
  else out.push('queue-position', ...numberPrompts(position), 'queue-position-end');
  const minutes = Math.ceil(Math.max(0, facts.estimatedWaitSeconds) / 60);
  if (minutes === 0) out.push('queue-wait-soon');
  else if (minutes > MAX_SPOKEN_NUMBER) out.push('queue-wait-long');
  else out.push('queue-wait', ...numberPrompts(minutes), 'queue-wait-end');
  if (facts.virtualHold) out.push('queue-virtual-hold-offer');
  return out;
}

/** The queue settings of announcements and the maximum wait. */
export interface QueueWaitSettings {
  /** Seconds between announcements; 0 = none. */
  announceSeconds: number;
  /** Maximum wait per queue (seconds); a queue not named has none. */
  maxWaitSeconds: Partial<Record<QueueId, number>>;
  /** Where a queue's callers go at its maximum wait; a queue not named offers the call back. */
  overflowTo: Partial<Record<QueueId, QueueId>>;
}

/** Whether a queued caller is due an announcement now (the interval since they queued or last heard one). */
export function announcementDue(call: LiveCall, now: Date, announceSeconds: number): boolean {
  if (announceSeconds <= 0 || call.state !== 'queued' || !call.enqueuedAt) return false;
  // Measured from the later of queueing and the last announcement (which may be from an earlier stay).
  const last = [call.enqueuedAt, call.queueAnnouncedAt]
    .filter((t): t is string => !!t)
    .reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
  return secondsBetween(last, now) >= announceSeconds;
}

/** Whether a queued caller has reached their queue's maximum wait and it was not acted on yet. */
export function maxWaitDue(call: LiveCall, now: Date, settings: Pick<QueueWaitSettings, 'maxWaitSeconds'>): boolean {
  if (call.state !== 'queued' || !call.queue || !call.enqueuedAt || call.maxWaitAt) return false;
  const limit = settings.maxWaitSeconds[call.queue];
  return limit !== undefined && secondsBetween(call.enqueuedAt, now) >= limit;
}

/** The machine's step for `queueAnnounce`: a queued caller hears the announcement (others: nothing). */
export function announceInQueue(call: LiveCall, event: CallEventOf<'queueAnnounce'>, now: Date): CallStep {
  if (call.state !== 'queued') return { call, effects: [] };
  const prompts = announcementPrompts({
    position: event.position,
    estimatedWaitSeconds: event.estimatedWaitSeconds,
    virtualHold: virtualHoldRefusal(call) === null,
  });
  return {
    call: { ...call, queueAnnouncedAt: now.toISOString(), queuePlaybackId: event.playbackId },
    effects: [{ type: 'playQueueAnnouncement', playbackId: event.playbackId, prompts }],
  };
}

/**
 * The machine's step for `maxWait`: once per call, an overflow to `overflowTo` (a different queue)
 * with the same place score, else the offer of a call back (`*`, virtual hold) when the caller can
 * have one; either way a `queue.maxWait` event for the reports.
 */
export function maxWaitReached(call: LiveCall, event: CallEventOf<'maxWait'>, now: Date): CallStep {
  if (call.state !== 'queued' || !call.queue || !call.enqueuedAt || call.maxWaitAt) return { call, effects: [] };
  const waitedSeconds = secondsBetween(call.enqueuedAt, now);
  const at = now.toISOString();
  const from = call.queue;
  if (event.overflowTo && event.overflowTo !== from) {
    const to = event.overflowTo;
    return {
      call: { ...call, queue: to, maxWaitAt: at },
      effects: [
        { type: 'dequeue', queue: from },
        { type: 'enqueue', queue: to, score: queueScore(call.enqueuedAt, call.priority) },
        { type: 'callEvent', eventType: 'queue.maxWait', data: { action: 'overflow', from, to, waitedSeconds } },
        // The reports' queue legs: a stay in `to` from now (its answer or abandon is counted
        // there; `from` keeps the offer it had, with neither outcome).
        { type: 'callEvent', eventType: 'queue.entered', data: { priority: call.priority, overflowFrom: from } },
        { type: 'dispatch' },
      ],
    };
  }
  const canHold = virtualHoldRefusal(call) === null;
  const effects: CallEffect[] = [
    {
      type: 'callEvent',
      eventType: 'queue.maxWait',
      data: { action: canHold ? 'callbackOffered' : 'none', waitedSeconds },
    },
  ];
  if (!canHold) return { call: { ...call, maxWaitAt: at }, effects };
  effects.push({
    type: 'playQueueAnnouncement',
    playbackId: event.playbackId,
    prompts: ['queue-max-wait', 'queue-virtual-hold-offer'],
  });
  return {
    call: { ...call, maxWaitAt: at, queueAnnouncedAt: at, queuePlaybackId: event.playbackId },
    effects,
  };
}

/** The stop of the call's announcement, if one may be playing (for the offer's effects). */
export function stopAnnouncementEffects(call: LiveCall): CallEffect[] {
  return call.queuePlaybackId ? [{ type: 'stopQueueAnnouncement', playbackId: call.queuePlaybackId }] : [];
}
