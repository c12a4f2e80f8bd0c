/**
 * Text sized without a browser: the diagram is laid out before anything is drawn (and in tests
 * without a DOM), so widths are estimated per character, on the generous side so a box never
 * clips its text. Hangul and other wide scripts take a full em; Latin letters about 0.6 em.
 * Lines break only between words: a word longer than a line widens the box instead of being cut.
 */

const WIDE = /[\u1100-\u11ff\u3000-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7a3\uff00-\uffef]/;
const NARROW = /[iljtf.,:;'|!()[\]\s·]/;
const BROAD = /[mwMW@%]/;

/** Estimated rendered width of `text` at `fontSize` px in the console's sans-serif font. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text)
    em += WIDE.test(ch) ? 1 : NARROW.test(ch) ? 0.34 : BROAD.test(ch) ? 0.9 : /[A-Z0-9]/.test(ch) ? 0.68 : 0.6;
  return Math.ceil(em * fontSize * (bold ? 1.08 : 1) * 1.04);
}

/**
 * Words of `text` packed into lines no wider than `maxWidth` (a longer word gets a line of its
 * own). Past `maxLines` the last line ends at a word boundary with "…": callers show the whole
 * text elsewhere (tooltip, table).
 */
export function wrapText(
  text: string,
  fontSize: number,
  maxWidth: number,
  maxLines = Number.POSITIVE_INFINITY,
): { lines: string[]; truncated: boolean } {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last !== undefined && textWidth(`${last} ${word}`, fontSize) <= maxWidth)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length <= maxLines) return { lines, truncated: false };
  const kept = lines.slice(0, maxLines);
  const lastWords = kept[maxLines - 1]!.split(' ');
  // Make room for the ellipsis by dropping whole words, never letters.
  while (lastWords.length > 1 && textWidth(`${lastWords.join(' ')} …`, fontSize) > maxWidth) lastWords.pop();
  kept[maxLines - 1] = `${lastWords.join(' ')} …`;
  return { lines: kept, truncated: true };
}
