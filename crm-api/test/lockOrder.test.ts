import { describe, expect, it } from 'vitest';
import { inLockOrder } from '../src/db/lockOrder';

describe('inLockOrder', () => {
  it('orders by code unit, whatever the locale would say, and leaves the input as it was', () => {
    const rows = [{ id: 'b' }, { id: 'B' }, { id: 'a' }, { id: 'ä' }];
    expect(inLockOrder(rows, (r) => r.id).map((r) => r.id)).toEqual(['B', 'a', 'b', 'ä']);
    expect(rows.map((r) => r.id)).toEqual(['b', 'B', 'a', 'ä']);
  });

  it('orders a two-part key part by part: a shorter first part comes first', () => {
    const legs = [
      { call: 'ab', queue: 'a' },
      { call: 'a', queue: 'z' },
      { call: 'a', queue: 'b' },
    ];
    const ordered = inLockOrder(legs, (l) => `${l.call}\u0000${l.queue}`);
    expect(ordered).toEqual([
      { call: 'a', queue: 'b' },
      { call: 'a', queue: 'z' },
      { call: 'ab', queue: 'a' },
    ]);
  });
});
