import type { CSSProperties } from 'react';

/**
 * Recharts colours each tooltip line like its series: the green and red of the bars read at
 * 3.3:1 and 3.9:1 on the tooltip's white (axe's colour-contrast check failed on the wallboard).
 * The lines are named, so dark text loses nothing.
 */
export const TOOLTIP_ITEM_STYLE: CSSProperties = { color: '#1d2330' };
