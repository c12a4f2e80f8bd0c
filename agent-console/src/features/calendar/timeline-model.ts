import type { CategoryCode, ProgramCalendar } from '@cc1357/contracts';

/**
 * The policy calendar as a timeline: one bar per program from its opening to its closing day,
 * clipped to the weeks shown, in days from the first Monday. Pure, so the chart is a table test.
 */

export interface TimelineBar {
  id: string;
  name: string;
  agency: string;
  category: CategoryCode;
  opensOn: string;
  closesOn: string;
  planned: boolean;
  /** Days from the window start (0 = first Monday); clipped to [0, days]. */
  start: number;
  end: number;
  /** Closes after the window: drawn with an open end. (It cannot open before it: the calendar
   *  lists a program in the week it opens.) */
  clippedEnd: boolean;
}

export interface Timeline {
  days: number;
  weekStarts: string[];
  bars: TimelineBar[];
}

const DAY = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);

export function timelineOf(calendar: ProgramCalendar): Timeline {
  const weekStarts = calendar.byWeek.map((w) => w.weekStart);
  const first = weekStarts[0] ?? calendar.from;
  const start0 = dayNumber(first);
  const days = Math.max(7, calendar.byWeek.length * 7);
  const seen = new Set<string>();
  const bars: TimelineBar[] = [];
  for (const week of calendar.byWeek) {
    for (const p of week.programs) {
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      const open = dayNumber(p.opensOn) - start0;
      const close = dayNumber(p.closesOn) - start0 + 1; // closesOn is inclusive
      bars.push({
        id: p.id,
        name: p.name,
        agency: p.agency,
        category: p.category,
        opensOn: p.opensOn,
        closesOn: p.closesOn,
        planned: p.announcedOn === null,
        start: Math.max(0, Math.min(days, open)),
        end: Math.max(0, Math.min(days, close)),
        clippedEnd: close > days,
      });
    }
  }
  bars.sort((a, b) => a.start - b.start || a.name.localeCompare(b.name, 'ko'));
  return { days, weekStarts, bars };
}

export const CATEGORY_COLORS: Record<CategoryCode, string> = {
  finance: '#1f4fb8',
  tech: '#6a3fb5',
  workforce: '#1f7a50',
  export: '#b35a00',
  domestic: '#8a6d00',
  startup: '#b3261e',
  management: '#2f6f7f',
  other: '#5b6577',
};
