import { describe, expect, it } from 'vitest';
import { program } from '../../../test/factories';
import { timelineOf } from './timeline-model';

describe('policy calendar timeline', () => {
  it('bars in days from the first Monday, clipped to the window, each program once', () => {
    const p1 = program({ id: '1', name: '가', opensOn: '2026-03-04', closesOn: '2026-03-10' });
    const p2 = program({
      id: '2',
      name: '나',
      opensOn: '2026-03-09',
      closesOn: '2026-05-31',
      announcedOn: null,
      category: 'export',
    });
    const t = timelineOf({
      from: '2026-03-02',
      weeks: 2,
      byWeek: [
        { weekStart: '2026-03-02', programs: [p1] },
        { weekStart: '2026-03-09', programs: [p2, p1] },
      ],
    });
    expect(t.days).toBe(14);
    expect(t.weekStarts).toEqual(['2026-03-02', '2026-03-09']);
    expect(t.bars.map((b) => [b.id, b.start, b.end, b.clippedEnd, b.planned])).toEqual([
      ['1', 2, 9, false, false],
      ['2', 7, 14, true, true],
    ]);
  });
});
