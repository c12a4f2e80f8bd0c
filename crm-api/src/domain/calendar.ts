import type { ProgramDto } from '@cc1357/contracts';

// The SMS bodies live in contracts so the console's preview is the text sent; re-exported
// here for the services that build a message from a calendar.
export { calendarSmsText, programsSmsText } from '@cc1357/contracts';

/**
 * The policy calendar, pure: programs opening in `weeks` weeks from `from` (a YYYY-MM-DD),
 * grouped by Monday-based week. The first week starts on the Monday on or before `from`.
 */
export interface CalendarWeek {
  weekStart: string;
  programs: ProgramDto[];
}

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

export function calendarRange(from: string, weeks: number): { start: string; end: string } {
  const t = dayOf(from);
  const monday = t - ((new Date(t).getUTCDay() + 6) % 7) * DAY;
  return { start: iso(monday), end: iso(monday + weeks * 7 * DAY) };
}

export function calendarWeeks(from: string, weeks: number, programs: readonly ProgramDto[]): CalendarWeek[] {
  const { start } = calendarRange(from, weeks);
  const s = dayOf(start);
  const out: CalendarWeek[] = Array.from({ length: weeks }, (_, i) => ({
    weekStart: iso(s + i * 7 * DAY),
    programs: [],
  }));
  for (const p of programs) {
    const i = Math.floor((dayOf(p.opensOn) - s) / (7 * DAY));
    if (i >= 0 && i < weeks) out[i]!.programs.push(p);
  }
  for (const w of out) w.programs.sort((a, b) => a.opensOn.localeCompare(b.opensOn) || a.name.localeCompare(b.name));
  return out;
}
