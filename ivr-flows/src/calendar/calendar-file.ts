import { z } from 'zod';
import type { Finding } from '../schema/common';
import { DEFAULT_CALENDAR, WEEKDAYS, type BusinessCalendar, type TimeRange, type Weekday } from './calendar';

/**
 * `calendar.yaml` of a flow set:
 *   timezone: Asia/Seoul
 *   hours: { weekdays: ['09:00-18:00'], sat: [], sun: [] }   # or mon..sun one by one
 *   holidays: { official: true, closed: { '2026-12-31': 종무식 }, open: ['2026-05-01'] }
 */
const RangeList = z.union([z.array(z.string()), z.string()]).transform((v) => (typeof v === 'string' ? [v] : v));
export const CalendarFile = z.strictObject({
  timezone: z.string().default('Asia/Seoul'),
  hours: z
    .strictObject({
      weekdays: RangeList.optional(),
      mon: RangeList.optional(),
      tue: RangeList.optional(),
      wed: RangeList.optional(),
      thu: RangeList.optional(),
      fri: RangeList.optional(),
      sat: RangeList.optional(),
      sun: RangeList.optional(),
    })
    .optional(),
  holidays: z
    .strictObject({
      official: z.boolean().default(true),
      closed: z.record(z.string(), z.string().min(1)).default({}),
      open: z.array(z.string()).default([]),
    })
    .optional(),
});
export type CalendarFile = z.infer<typeof CalendarFile>;

const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

function minutesOf(hhmm: string): number | null {
  const m = TIME.exec(hhmm);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

export function parseTimeRange(text: string): TimeRange | string {
  const parts = text.split('-').map((s) => s.trim());
  if (parts.length !== 2) return `bad time range '${text}' (expected HH:MM-HH:MM)`;
  const [a, b] = parts as [string, string];
  const start = minutesOf(a);
  const end = minutesOf(b);
  if (start === null) return `bad time range '${text}': '${a}' is not a time of day`;
  if (end === null) return `bad time range '${text}': '${b}' is not a time of day`;
  if (end <= start) return `bad time range '${text}': end is not after start`;
  return { start, end };
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

function isTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Checks and converts a parsed calendar file; findings point into the file. */
export function compileCalendar(file: CalendarFile): { calendar: BusinessCalendar; findings: Finding[] } {
  const findings: Finding[] = [];
  const hours: Record<Weekday, TimeRange[]> = { ...DEFAULT_CALENDAR.hours };
  if (!isTimezone(file.timezone))
    findings.push({ path: ['timezone'], message: `unknown time zone '${file.timezone}'` });

  const apply = (key: 'weekdays' | Weekday, list: string[] | undefined, days: readonly Weekday[]) => {
    if (list === undefined) return;
    const ranges: TimeRange[] = [];
    list.forEach((text, i) => {
      const r = parseTimeRange(text);
      if (typeof r === 'string') findings.push({ path: ['hours', key, i], message: r });
      else if (ranges.some((o) => r.start < o.end && o.start < r.end))
        findings.push({ path: ['hours', key, i], message: `time range '${text}' overlaps another range of ${key}` });
      else ranges.push(r);
    });
    for (const day of days) hours[day] = ranges;
  };
  apply('weekdays', file.hours?.weekdays, ['mon', 'tue', 'wed', 'thu', 'fri']);
  for (const day of WEEKDAYS) apply(day, file.hours?.[day], [day]);

  const closed = file.holidays?.closed ?? {};
  for (const date of Object.keys(closed)) {
    if (!isDate(date))
      findings.push({ path: ['holidays', 'closed', date], message: `bad date '${date}' (expected YYYY-MM-DD)` });
  }
  const open = file.holidays?.open ?? [];
  open.forEach((date, i) => {
    if (!isDate(date))
      findings.push({ path: ['holidays', 'open', i], message: `bad date '${date}' (expected YYYY-MM-DD)` });
  });

  return {
    calendar: {
      timezone: file.timezone,
      hours,
      officialHolidays: file.holidays?.official ?? true,
      closedDates: { ...closed },
      openDates: [...open],
      alwaysOpen: false,
    },
    findings,
  };
}
