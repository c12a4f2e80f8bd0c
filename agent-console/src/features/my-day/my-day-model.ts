import { KST_OFFSET_MS, type MyDay } from '@cc1357/contracts';
import type { KeyLike } from '../../actions';
import { formatDuration } from '../../lib/format';

/**
 * 내 하루 (issue 16) as data: the cards the panel shows, its shortcut and the keys that move
 * through the call list. Pure; the panel only renders what this decides.
 */

/** Opens and closes the panel from anywhere on the desk. The registered actions use bare F-keys and Shift+F1 only. */
export const MY_DAY_SHORTCUT = 'Shift+F2';

export function isMyDayShortcut(event: KeyLike): boolean {
  return event.key === 'F2' && event.shiftKey === true && !event.ctrlKey && !event.altKey && !event.metaKey;
}

export type MyDayCardId = 'answered' | 'outbound' | 'aht' | 'missed' | 'consultations';

export interface MyDayCard {
  id: MyDayCardId;
  /** The big figure, ready to show ('–' when there is nothing to compute from). */
  value: string;
  /** The KPI formula id the figure was computed by (shown as a tooltip). */
  formula: string;
  /** Numbers for the card's second line (its i18n key's interpolation). */
  detail: Record<string, string | number>;
  /** Worth a look: a missed ring. */
  hot: boolean;
}

const count = (v: number | null) => (v === null ? '–' : String(v));

export function myDayCards(day: MyDay): MyDayCard[] {
  const f = day.figures;
  return [
    { id: 'answered', value: count(f.answered.value), formula: f.answered.formula, detail: {}, hot: false },
    {
      id: 'outbound',
      value: count(f.outbound.value),
      formula: f.outbound.formula,
      detail: { count: f.outbound.value ?? 0, answered: f.outboundAnswered.value ?? 0 },
      hot: false,
    },
    {
      id: 'aht',
      value: f.ahtSeconds.value === null ? '–' : formatDuration(f.ahtSeconds.value),
      formula: f.ahtSeconds.formula,
      detail: { total: formatDuration(f.handleSeconds.value ?? 0), count: f.handled.value ?? 0 },
      hot: false,
    },
    {
      id: 'missed',
      value: count(f.missed.value),
      formula: f.missed.formula,
      detail: { count: f.offered.value ?? 0 },
      hot: (f.missed.value ?? 0) > 0,
    },
    {
      id: 'consultations',
      value: count(f.consultations.value),
      formula: f.consultations.formula,
      detail: {},
      hot: false,
    },
  ];
}

/** The row a key moves focus to in a list of `rows` (null: the key is not the list's). */
export function rowAfterKey(key: string, index: number, rows: number): number | null {
  if (rows === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return Math.min(index + 1, rows - 1);
    case 'ArrowUp':
      return Math.max(index - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return rows - 1;
    default:
      return null;
  }
}

/** HH:mm:ss of an instant in Asia/Seoul, whatever the browser's zone. */
export function seoulClock(iso: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  return new Date(at + KST_OFFSET_MS).toISOString().slice(11, 19);
}
