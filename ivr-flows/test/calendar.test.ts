import { describe, expect, it } from 'vitest';
import {
  businessStatus,
  DEFAULT_CALENDAR,
  holidayNames,
  isBusinessOpen,
  type BusinessCalendar,
} from '../src/calendar/calendar';
import { holidayDataCovers, officialHolidayNames } from '../src/calendar/holidays';
import { CalendarFile, compileCalendar, parseTimeRange } from '../src/calendar/calendar-file';

const kst = (s: string) => new Date(`${s}+09:00`);

describe('isBusinessOpen (weekdays 09:00–18:00 Asia/Seoul)', () => {
  it.each([
    ['a Tuesday morning', '2026-12-01T10:00:00', true],
    ['09:00 sharp opens', '2026-12-01T09:00:00', true],
    ['08:59 is closed', '2026-12-01T08:59:00', false],
    ['17:59 is open', '2026-12-01T17:59:00', true],
    ['18:00 sharp is closed', '2026-12-01T18:00:00', false],
    ['Saturday', '2026-12-05T10:00:00', false],
    ['Sunday', '2026-12-06T10:00:00', false],
    ['설날 2026 (lunar new year, Tue 2026-02-17)', '2026-02-17T10:00:00', false],
    ['설날 전날 2026-02-16 (Mon)', '2026-02-16T10:00:00', false],
    ['the day after 설날 연휴 is open', '2026-02-19T10:00:00', true],
    ['추석 2026-09-25 (Fri)', '2026-09-25T11:00:00', false],
    ['추석 2025-10-06', '2025-10-06T11:00:00', false],
    ['대체공휴일(3ㆍ1절) 2026-03-02 (Mon)', '2026-03-02T10:00:00', false],
    ['대체공휴일(개천절) 2026-10-05', '2026-10-05T10:00:00', false],
    ['대체공휴일(부처님 오신 날) 2026-05-25', '2026-05-25T10:00:00', false],
    ['크리스마스', '2026-12-25T10:00:00', false],
  ])('%s', (_name, at, open) => {
    expect(isBusinessOpen(kst(at), DEFAULT_CALENDAR)).toBe(open);
  });

  it('uses Seoul time whatever the machine zone: 00:30 UTC is 09:30 KST', () => {
    expect(isBusinessOpen(new Date('2026-12-01T00:30:00Z'), DEFAULT_CALENDAR)).toBe(true);
    expect(isBusinessOpen(new Date('2026-11-30T23:30:00Z'), DEFAULT_CALENDAR)).toBe(false);
  });

  it('says why it is closed', () => {
    expect(businessStatus(kst('2026-09-25T10:00:00'), DEFAULT_CALENDAR)).toEqual({
      open: false,
      reason: 'holiday',
      names: ['추석'],
    });
    expect(businessStatus(kst('2026-12-05T10:00:00'), DEFAULT_CALENDAR)).toEqual({ open: false, reason: 'closedDay' });
    expect(businessStatus(kst('2026-12-01T19:00:00'), DEFAULT_CALENDAR)).toEqual({
      open: false,
      reason: 'outsideHours',
    });
  });
});

describe('calendar overrides', () => {
  const cal: BusinessCalendar = {
    ...DEFAULT_CALENDAR,
    closedDates: { '2026-12-31': '종무식' },
    openDates: ['2026-05-01'],
  };
  it('extra closed days and worked holidays', () => {
    expect(holidayNames('2026-12-31', cal)).toEqual(['종무식']);
    expect(isBusinessOpen(kst('2026-12-31T10:00:00'), cal)).toBe(false);
    expect(holidayNames('2026-05-01', DEFAULT_CALENDAR)).toEqual(['노동절']);
    expect(isBusinessOpen(kst('2026-05-01T10:00:00'), cal)).toBe(true);
  });
  it('alwaysOpen ignores everything', () => {
    expect(isBusinessOpen(kst('2026-12-25T03:00:00'), { ...DEFAULT_CALENDAR, alwaysOpen: true })).toBe(true);
  });
  it('officialHolidays: false keeps only the configured closed days', () => {
    expect(isBusinessOpen(kst('2026-12-25T10:00:00'), { ...DEFAULT_CALENDAR, officialHolidays: false })).toBe(true);
  });
});

describe('holiday data', () => {
  it('knows lunar and substitute holidays where the gazette data exists', () => {
    expect(holidayDataCovers(2027)).toBe(true);
    expect(officialHolidayNames('2027-02-07')).toEqual(['설날']);
    expect(officialHolidayNames('2027-02-09')).toEqual(['대체공휴일(설날)']);
    expect(officialHolidayNames('2024-09-17')).toEqual(['추석']);
    expect(officialHolidayNames('2026-12-01')).toBeNull();
  });
  it('falls back to fixed-date holidays beyond the data', () => {
    expect(holidayDataCovers(2031)).toBe(false);
    expect(officialHolidayNames('2031-08-15')).toEqual(['광복절']);
    expect(officialHolidayNames('2031-08-16')).toBeNull();
  });
});

describe('calendar file', () => {
  it.each([
    ['09:00-18:00', { start: 540, end: 1080 }],
    ['18:00-09:00', "bad time range '18:00-09:00': end is not after start"],
    ['9-18', "bad time range '9-18': '9' is not a time of day"],
    ['09:00-25:00', "bad time range '09:00-25:00': '25:00' is not a time of day"],
    ['09:00', "bad time range '09:00' (expected HH:MM-HH:MM)"],
  ])('parseTimeRange %s', (text, expected) => {
    expect(parseTimeRange(text)).toEqual(expected);
  });
  it('compiles weekdays and per-day hours, and reports bad dates and zones', () => {
    const file = CalendarFile.parse({
      timezone: 'Mars/Olympus',
      hours: { weekdays: '09:00-18:00', sat: ['10:00-13:00'] },
      holidays: { closed: { '2026-02-30': 'x' }, open: ['2026-05-01'] },
    });
    const { calendar, findings } = compileCalendar(file);
    expect(calendar.hours.mon).toEqual([{ start: 540, end: 1080 }]);
    expect(calendar.hours.sat).toEqual([{ start: 600, end: 780 }]);
    expect(findings.map((f) => f.message)).toEqual([
      "unknown time zone 'Mars/Olympus'",
      "bad date '2026-02-30' (expected YYYY-MM-DD)",
    ]);
  });
});
