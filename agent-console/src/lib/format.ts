/**
 * Display formatting for Korean identifiers and durations. Pure functions: what the screen
 * shows is decided here and tested in a table, components only call them.
 */

import { formatPhoneNumber, KST_OFFSET_MS, seoulDate } from '@cc1357/contracts';

/** 사업자등록번호 as 000-00-00000: contracts' rule, the one crm-api and the IVR use. */
export { formatBizRegNo } from '@cc1357/contracts';

/** A phone number with dashes (contracts' rule); a null or empty number is a withheld caller and gets `withheldLabel`. */
export function formatPhone(raw: string | null | undefined, withheldLabel = '발신번호 없음'): string {
  return raw ? formatPhoneNumber(raw) : withheldLabel;
}

/** The masked form every screen shows first (contracts' rule, the one crm-api masks lists with). */
export { maskPhone } from '@cc1357/contracts';

/** Elapsed seconds as m:ss, or h:mm:ss from an hour on. Negative input counts as 0. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${minutes}:${ss}`;
}

/** Seconds between an ISO timestamp and now, never negative (clocks of two hosts differ). */
export function secondsSince(iso: string, now: number): number {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return 0;
  return Math.max(0, Math.floor((now - at) / 1000));
}

/** A 0..1 ratio as a whole percent; null (no calls yet) is shown as a dash. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null || Number.isNaN(ratio)) return '–';
  return `${Math.round(ratio * 100)}%`;
}

/** Seconds with one decimal at most, null as a dash. */
export function formatSeconds(value: number | null, unit = '초'): string {
  if (value === null || Number.isNaN(value)) return '–';
  const rounded = Math.round(value * 10) / 10;
  return `${rounded}${unit}`;
}

/** YYYY-MM-DD HH:mm in Asia/Seoul, whatever the browser's zone. */
export function formatKstDateTime(iso: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const kst = new Date(at + KST_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${kst.getUTCFullYear()}-${p(kst.getUTCMonth() + 1)}-${p(kst.getUTCDate())} ${p(kst.getUTCHours())}:${p(kst.getUTCMinutes())}`;
}

/**
 * Won amounts the way Korean forms print them: 1억 2,000만원, 3,500만원, 9,000원.
 * Rounded down to 만원 from 1만원 up (support amounts never need the last digits).
 */
export function formatWon(amount: number): string {
  if (!Number.isFinite(amount)) return '–';
  const sign = amount < 0 ? '-' : '';
  const a = Math.floor(Math.abs(amount));
  if (a < 10_000) return `${sign}${a.toLocaleString('ko-KR')}원`;
  const eok = Math.floor(a / 100_000_000);
  const man = Math.floor((a % 100_000_000) / 10_000);
  const parts = [
    eok > 0 ? `${eok.toLocaleString('ko-KR')}억` : '',
    man > 0 ? `${man.toLocaleString('ko-KR')}만` : '',
  ].filter(Boolean);
  return `${sign}${parts.join(' ')}원`;
}

/** The calendar day in Asia/Seoul (YYYY-MM-DD) at an instant: the day reports are kept by. */
export function kstDate(nowMs: number): string {
  return seoulDate(new Date(nowMs));
}
