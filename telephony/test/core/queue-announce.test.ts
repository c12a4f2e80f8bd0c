import { describe, expect, it } from 'vitest';
import { queueScore } from '../../src/core/acd';
import { type LiveCall, applyCallEvent, newCall } from '../../src/core/call';
import {
  announcementDue,
  announcementPrompts,
  maxWaitDue,
  numberPrompts,
  placesInLine,
} from '../../src/core/queue-announce';

const T0 = new Date('2026-11-26T01:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const opts = { wrapUpSeconds: 10 };

const base = newCall({ callId: 'c1', node: 'n1', callerChannelId: 'ch-caller', callerNumber: '01012345678' }, T0);
const queued: LiveCall = {
  ...base,
  state: 'queued',
  queue: 'fund',
  priority: 0,
  enqueuedAt: T0.toISOString(),
  holdingBridgeId: 'hb',
};

describe('numberPrompts', () => {
  it('composes 1–99 from the numerals and the tens', () => {
    expect(numberPrompts(1)).toEqual(['num-1']);
    expect(numberPrompts(10)).toEqual(['num-10']);
    expect(numberPrompts(23)).toEqual(['num-20', 'num-3']);
    expect(numberPrompts(99)).toEqual(['num-90', 'num-9']);
  });
  it('refuses what it cannot say', () => {
    expect(() => numberPrompts(0)).toThrow(RangeError);
    expect(() => numberPrompts(100)).toThrow(RangeError);
    expect(() => numberPrompts(2.5)).toThrow(RangeError);
  });
});

describe('announcementPrompts', () => {
  it('says the place, the wait in minutes rounded up, and the * invitation', () => {
    expect(announcementPrompts({ position: 3, estimatedWaitSeconds: 121, virtualHold: true })).toEqual([
      'queue-position',
      'num-3',
      'queue-position-end',
      'queue-wait',
      'num-3',
      'queue-wait-end',
      'queue-virtual-hold-offer',
    ]);
  });
  it('no invitation without virtual hold; no wait says "soon"; beyond 99 says many / long', () => {
    expect(announcementPrompts({ position: 1, estimatedWaitSeconds: 0, virtualHold: false })).toEqual([
      'queue-position',
      'num-1',
      'queue-position-end',
      'queue-wait-soon',
    ]);
    expect(announcementPrompts({ position: 150, estimatedWaitSeconds: 7200, virtualHold: false })).toEqual([
      'queue-position-many',
      'queue-wait-long',
    ]);
  });
});

describe('placesInLine', () => {
  it('counts the virtual-hold tickets scored ahead of each caller', () => {
    expect(placesInLine([10, 20, 30], [])).toEqual([1, 2, 3]);
    // A ticket kept from before the first caller, one between the second and the third (any order).
    expect(placesInLine([10, 20, 30], [25, 5])).toEqual([2, 3, 5]);
    // Tickets behind every caller change nothing.
    expect(placesInLine([10, 20], [40, 50])).toEqual([1, 2]);
  });

  it('a caller on the line goes before a ticket of the same score (as the dispatcher serves them)', () => {
    expect(placesInLine([10, 20], [20])).toEqual([1, 2]);
  });
});

describe('announcementDue / maxWaitDue', () => {
  it('is due an interval after queueing, then an interval after the last announcement', () => {
    expect(announcementDue(queued, at(44), 45)).toBe(false);
    expect(announcementDue(queued, at(45), 45)).toBe(true);
    const heard = { ...queued, queueAnnouncedAt: at(45).toISOString() };
    expect(announcementDue(heard, at(89), 45)).toBe(false);
    expect(announcementDue(heard, at(90), 45)).toBe(true);
  });
  it('never when off, or when the caller is not waiting', () => {
    expect(announcementDue(queued, at(999), 0)).toBe(false);
    expect(announcementDue({ ...queued, state: 'offering' }, at(999), 45)).toBe(false);
  });
  it('the maximum wait is the queue’s own and acted on once', () => {
    const settings = { maxWaitSeconds: { fund: 300 } };
    expect(maxWaitDue(queued, at(299), settings)).toBe(false);
    expect(maxWaitDue(queued, at(300), settings)).toBe(true);
    expect(maxWaitDue({ ...queued, queue: 'export' }, at(999), settings)).toBe(false);
    expect(maxWaitDue({ ...queued, maxWaitAt: at(300).toISOString() }, at(999), settings)).toBe(false);
  });
});

describe('the call machine with announcements', () => {
  it('a queued caller hears the announcement; the call remembers its playback', () => {
    const step = applyCallEvent(
      queued,
      { type: 'queueAnnounce', position: 2, estimatedWaitSeconds: 60, playbackId: 'pb1' },
      at(45),
      opts,
    );
    expect(step.call).toMatchObject({
      state: 'queued',
      queueAnnouncedAt: at(45).toISOString(),
      queuePlaybackId: 'pb1',
    });
    expect(step.effects).toEqual([
      {
        type: 'playQueueAnnouncement',
        playbackId: 'pb1',
        prompts: [
          'queue-position',
          'num-2',
          'queue-position-end',
          'queue-wait',
          'num-1',
          'queue-wait-end',
          'queue-virtual-hold-offer',
        ],
      },
    ]);
  });

  it('a withheld number is not invited to press *', () => {
    const step = applyCallEvent(
      { ...queued, callerNumber: null },
      { type: 'queueAnnounce', position: 1, estimatedWaitSeconds: 0, playbackId: 'pb1' },
      at(45),
      opts,
    );
    expect(step.effects[0]).toMatchObject({
      prompts: ['queue-position', 'num-1', 'queue-position-end', 'queue-wait-soon'],
    });
  });

  it('an announcement that comes after the offer is not played', () => {
    const offering: LiveCall = { ...queued, state: 'offering', agentId: '1001', agentChannelId: 'ag' };
    const step = applyCallEvent(
      offering,
      { type: 'queueAnnounce', position: 1, estimatedWaitSeconds: 0, playbackId: 'pb1' },
      at(45),
      opts,
    );
    expect(step).toEqual({ call: offering, effects: [] });
  });

  it('the offer rings first, then stops the announcement', () => {
    const announced = { ...queued, queueAnnouncedAt: at(45).toISOString(), queuePlaybackId: 'pb1' };
    const step = applyCallEvent(announced, { type: 'offer', agentId: '1001', agentChannelId: 'ag' }, at(50), opts);
    const types = step.effects.map((e) => e.type);
    expect(types.indexOf('originate')).toBeLessThan(types.indexOf('stopQueueAnnouncement'));
    expect(step.effects.at(-1)).toEqual({ type: 'stopQueueAnnouncement', playbackId: 'pb1' });
    expect(step.call.queuePlaybackId).toBeNull();
    // Without an announcement the offer is as before.
    expect(
      applyCallEvent(queued, { type: 'offer', agentId: '1001', agentChannelId: 'ag' }, at(50), opts).effects.map(
        (e) => e.type,
      ),
    ).not.toContain('stopQueueAnnouncement');
  });

  it('the maximum wait overflows once to the other queue, keeping the place score', () => {
    const step = applyCallEvent(queued, { type: 'maxWait', overflowTo: 'general', playbackId: 'pb2' }, at(300), opts);
    expect(step.call).toMatchObject({ state: 'queued', queue: 'general', enqueuedAt: T0.toISOString() });
    expect(step.effects).toEqual([
      { type: 'dequeue', queue: 'fund' },
      { type: 'enqueue', queue: 'general', score: queueScore(T0.toISOString(), 0) },
      {
        type: 'callEvent',
        eventType: 'queue.maxWait',
        data: { action: 'overflow', from: 'fund', to: 'general', waitedSeconds: 300 },
      },
      { type: 'callEvent', eventType: 'queue.entered', data: { priority: 0, overflowFrom: 'fund' } },
      { type: 'dispatch' },
    ]);
    const again = applyCallEvent(step.call, { type: 'maxWait', overflowTo: 'fund', playbackId: 'pb3' }, at(900), opts);
    expect(again.effects).toEqual([]);
  });

  it('without an overflow queue the caller is offered the call back (virtual hold), once', () => {
    const step = applyCallEvent(queued, { type: 'maxWait', overflowTo: null, playbackId: 'pb2' }, at(300), opts);
    expect(step.call).toMatchObject({ queue: 'fund', maxWaitAt: at(300).toISOString(), queuePlaybackId: 'pb2' });
    expect(step.effects).toEqual([
      { type: 'callEvent', eventType: 'queue.maxWait', data: { action: 'callbackOffered', waitedSeconds: 300 } },
      { type: 'playQueueAnnouncement', playbackId: 'pb2', prompts: ['queue-max-wait', 'queue-virtual-hold-offer'] },
    ]);
    expect(
      applyCallEvent(step.call, { type: 'maxWait', overflowTo: null, playbackId: 'pb3' }, at(400), opts).effects,
    ).toEqual([]);
  });

  it('a caller who cannot be called back is only recorded at the maximum wait', () => {
    const step = applyCallEvent(
      { ...queued, callerNumber: null },
      { type: 'maxWait', overflowTo: null, playbackId: 'pb2' },
      at(300),
      opts,
    );
    expect(step.effects).toEqual([
      { type: 'callEvent', eventType: 'queue.maxWait', data: { action: 'none', waitedSeconds: 300 } },
    ]);
  });
});
