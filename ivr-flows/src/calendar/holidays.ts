import { y2018, y2019, y2020, y2021, y2022, y2023, y2024, y2025, y2026, y2027 } from '@hyunbinseo/holidays-kr/all';

/**
 * Korean public holidays from the official gazette (via @hyunbinseo/holidays-kr): lunar ones
 * (설날, 추석, 부처님 오신 날), substitute holidays (대체공휴일) and election days included.
 * Loaded synchronously so the pure runner can decide without I/O.
 */
const OFFICIAL: Record<string, readonly string[]> = Object.assign(
  {},
  y2018,
  y2019,
  y2020,
  y2021,
  y2022,
  y2023,
  y2024,
  y2025,
  y2026,
  y2027,
);
const YEARS = new Set(Object.keys(OFFICIAL).map((d) => d.slice(0, 4)));

/** Fixed-date holidays, used only for years the gazette data does not cover yet. */
const SOLAR: Record<string, string> = {
  '01-01': '1월 1일',
  '03-01': '3ㆍ1절',
  '05-05': '어린이날',
  '06-06': '현충일',
  '08-15': '광복절',
  '10-03': '개천절',
  '10-09': '한글날',
  '12-25': '기독탄신일',
};

/** True when the gazette data covers this year (lunar and substitute holidays are known). */
export function holidayDataCovers(year: number): boolean {
  return YEARS.has(String(year));
}

/** Official holiday names of a `YYYY-MM-DD` date, or null on a normal day. */
export function officialHolidayNames(isoDate: string): string[] | null {
  const names = OFFICIAL[isoDate];
  if (names) return [...names];
  if (holidayDataCovers(Number(isoDate.slice(0, 4)))) return null;
  const solar = SOLAR[isoDate.slice(5)];
  return solar ? [solar] : null;
}
