import { describe, expect, it } from 'vitest';
import { doorClosed } from '../../src/core/door';

describe('the door (new callers refused while this process falls behind)', () => {
  const limits = { maxEventLoopDelayMs: 400 };

  it('stays open without a limit, whatever the delay', () => {
    expect(doorClosed(false, 60_000, {})).toBe(false);
    expect(doorClosed(true, 60_000, {})).toBe(false);
  });

  it('closes above the limit and not at it', () => {
    expect(doorClosed(false, 400, limits)).toBe(false);
    expect(doorClosed(false, 401, limits)).toBe(true);
  });

  it('opens again only under half the limit', () => {
    expect(doorClosed(true, 300, limits)).toBe(true);
    expect(doorClosed(true, 201, limits)).toBe(true);
    expect(doorClosed(true, 200, limits)).toBe(false);
  });
});
