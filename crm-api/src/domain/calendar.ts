import type { ProgramDto } from '@cc1357/contracts';

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
  const out: CalendarWeek[] = Array.from({ length: weeks }, (_, i) => ({ weekStart: iso(s + i * 7 * DAY), programs: [] }));
  for (const p of programs) {
    const i = Math.floor((dayOf(p.opensOn) - s) / (7 * DAY));
    if (i >= 0 && i < weeks) out[i]!.programs.push(p);
  }
  for (const w of out) w.programs.sort((a, b) => a.opensOn.localeCompare(b.opensOn) || a.name.localeCompare(b.name));
  return out;
}

/** The SMS text of a calendar (short lines: many recipients read it on feature phones). */
export function calendarSmsText(weeks: readonly CalendarWeek[]): string {
  const lines = ['[1357 중소기업 지원사업 일정]'];
  for (const w of weeks) for (const p of w.programs) lines.push(`${p.opensOn.slice(5).replace('-', '/')} ${p.name}${p.announcedOn ? '' : '(예정)'}`);
  if (lines.length === 1) lines.push('해당 기간에 접수를 시작하는 사업이 없습니다.');
  lines.push('문의 1357');
  return lines.join('\n');
}

export function programsSmsText(programs: readonly ProgramDto[]): string {
  const lines = ['[1357 상담 안내 지원사업]'];
  for (const p of programs) lines.push(`- ${p.name} (${p.opensOn}~${p.closesOn})${p.url ? ` ${p.url}` : ''}`);
  lines.push('문의 1357');
  return lines.join('\n');
}
