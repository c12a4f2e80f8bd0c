import { describe, expect, it } from 'vitest';
import { Door } from '../../src/app/door';
import { capturedLog } from '../support/captured-log';

/** Runs nothing else for `ms`: the event loop falls behind by that much. */
function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy: the point is to hold the event loop
  }
}

/** Lets the delay monitor's own timer run (it records the delay when it fires). */
const monitorRan = () => new Promise((r) => setTimeout(r, 30));

describe('the door over the real event loop', () => {
  it('closes when the loop fell behind past the limit and opens again once it keeps up', async () => {
    const { logger: log, lines } = capturedLog('info');
    const changes: boolean[] = [];
    // Measured by hand here (a long interval): the test decides when a measurement is taken.
    const door = new Door({
      limits: { maxEventLoopDelayMs: 1_000 },
      log,
      intervalMs: 3_600_000,
      onChange: (c) => changes.push(c),
    });
    door.start();
    try {
      await monitorRan();
      door.measure(); // what came before the test is not counted
      await monitorRan(); // after a reset the monitor's first sample only sets its baseline
      // Well past the limit, and reopening needs under half of it: a busy test machine's own
      // hiccups (tens of ms) decide neither.
      block(1_500);
      await monitorRan();
      door.measure();
      expect(door.isOpen()).toBe(false);
      for (let i = 0; i < 3; i++) await monitorRan();
      door.measure();
      expect(door.isOpen()).toBe(true);
      expect(changes).toEqual([true, false]);
      expect(lines.map((l) => l.msg)).toEqual([
        'door closed: this process falls behind, new callers are refused',
        'door open again: new callers are taken',
      ]);
    } finally {
      door.close();
    }
  });

  it('never closes without a limit', async () => {
    const { logger: log } = capturedLog();
    const door = new Door({ limits: {}, log });
    door.start();
    block(300);
    await monitorRan();
    door.measure();
    expect(door.isOpen()).toBe(true);
    door.close();
  });
});

describe("the door's arrival limit", () => {
  it('takes at most so many callers a second, none while the door is closed, all without a limit', () => {
    const { logger: log } = capturedLog('info');
    let now = 0;
    let delay = 0;
    const limited = new Door({
      limits: { maxCallsPerSecond: 2, maxEventLoopDelayMs: 500 },
      log,
      delayMs: () => delay,
      nowMs: () => now,
    });
    expect([limited.admit(), limited.admit(), limited.admit()]).toEqual([true, true, false]);
    now = 500; // one token back
    expect([limited.admit(), limited.admit()]).toEqual([true, false]);
    now = 5_000;
    delay = 900;
    limited.measure(); // falls behind: closed, whatever the tokens
    expect([limited.isOpen(), limited.admit()]).toEqual([false, false]);
    delay = 0;
    limited.measure();
    expect([limited.isOpen(), limited.admit()]).toEqual([true, true]);

    const open = new Door({ limits: {}, log, nowMs: () => now });
    expect(Array.from({ length: 1000 }, () => open.admit()).every(Boolean)).toBe(true);
  });

  it('runs on the real clock when none is given', () => {
    const { logger: log } = capturedLog('info');
    const door = new Door({ limits: { maxCallsPerSecond: 1 }, log });
    // One token in the bucket; the next would need a whole second of this test.
    expect([door.admit(), door.admit()]).toEqual([true, false]);
  });
});
