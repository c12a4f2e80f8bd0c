import { beforeAll, describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { TimelineChart } from './PolicyCalendarView';
import { timelineOf } from './timeline-model';
import { program } from '../../../test/factories';

const { html } = consoleI18n();

describe('policy calendar timeline chart', () => {
  const long = '2026년 중소기업 스마트공장 구축 및 고도화 지원사업 (기초·고도화1·고도화2 단계 통합 공고)';
  const calendar = {
    from: '2026-03-02',
    weeks: 2,
    byWeek: [
      {
        weekStart: '2026-03-02',
        programs: [program({ id: '1', name: long, opensOn: '2026-03-04', closesOn: '2026-03-10' })],
      },
      {
        weekStart: '2026-03-09',
        programs: [program({ id: '2', name: '수출바우처', opensOn: '2026-03-09', closesOn: '2026-05-31' })],
      },
    ],
  };
  // Rendered once the file's i18n is ready (it used to render while tests were collected, before any i18n).
  let out = '';
  beforeAll(() => {
    out = html(<TimelineChart timeline={timelineOf(calendar)} />);
  });

  it('shows long program names whole (wrapping in their column), with the name as tooltip', () => {
    expect(out).toContain(`title="${long}">${long}</span>`);
    expect(out).not.toContain('…');
  });

  it("places bars in percent of the track, so the chart takes the panel's whole width", () => {
    expect(out).not.toMatch(/<svg[^>]*width="\d+"/); // no fixed pixel canvas
    expect(out).toContain('left:14.286%;width:50.000%'); // 2 → 9 of 14 days
    expect(out).toContain('left:50.000%;width:50.000%'); // from the 2nd Monday, open end
    expect(out).toContain('--weeks:2');
  });
});
