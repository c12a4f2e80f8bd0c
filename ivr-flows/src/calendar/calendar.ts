import { officialHolidayNames } from './holidays';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Opening hours as minutes since local midnight, end exclusive. */
export interface TimeRange {
  start: number;
  end: number;
}

/** When the 1357 line is staffed. Plain data: it travels inside a CompiledFlow. */
export interface BusinessCalendar {
  timezone: string;
  hours: Record<Weekday, TimeRange[]>;
  /** Count the official Korean public holidays as closed days. */
  officialHolidays: boolean;
  /** Extra closed days (`YYYY-MM-DD` → name), e.g. 근로자의 날 or a center event. */
  closedDates: Record<string, string>;
  /** Official holidays on which the center works anyway. */
  openDates: string[];
  /** Tests and demos: ignore hours and holidays. */
  alwaysOpen: boolean;
}

const nineToSix: TimeRange[] = [{ start: 9 * 60, end: 18 * 60 }];

/** Weekdays 09:00–18:00 Asia/Seoul, closed on weekends and public holidays. */
export const DEFAULT_CALENDAR: BusinessCalendar = {
  timezone: 'Asia/Seoul',
  hours: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix, sat: [], sun: [] },
  officialHolidays: true,
  closedDates: {},
  openDates: [],
  alwaysOpen: false,
};

export interface LocalTime {
  date: string;
  weekday: Weekday;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** The wall-clock date, weekday and minute of `now` in the calendar's time zone. */
export function localTime(now: Date, timezone: string): LocalTime {
  const parts = Object.fromEntries(
    formatter(timezone)
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const weekday = String(parts.weekday).slice(0, 3).toLowerCase() as Weekday;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

export type BusinessStatus =
  | { open: true }
  | { open: false; reason: 'holiday'; names: string[] }
  | { open: false; reason: 'closedDay' | 'outsideHours' };

/** Holiday names for a local date under this calendar (overrides applied), or null. */
export function holidayNames(isoDate: string, calendar: BusinessCalendar): string[] | null {
  const extra = calendar.closedDates[isoDate];
  if (extra) return [extra];
  if (!calendar.officialHolidays || calendar.openDates.includes(isoDate)) return null;
  return officialHolidayNames(isoDate);
}

export function businessStatus(now: Date, calendar: BusinessCalendar): BusinessStatus {
  if (calendar.alwaysOpen) return { open: true };
  const local = localTime(now, calendar.timezone);
  const names = holidayNames(local.date, calendar);
  if (names) return { open: false, reason: 'holiday', names };
  const ranges = calendar.hours[local.weekday] ?? [];
  if (ranges.length === 0) return { open: false, reason: 'closedDay' };
  return ranges.some((r) => local.minutes >= r.start && local.minutes < r.end)
    ? { open: true }
    : { open: false, reason: 'outsideHours' };
}

export function isBusinessOpen(now: Date, calendar: BusinessCalendar): boolean {
  return businessStatus(now, calendar).open;
}
