import { describe, expect, it } from 'vitest';
import { TEXT_FONT } from './flow-layout';
import { textWidth, wrapText } from './text-fit';

describe('text fitting', () => {
  it.each([
    ['check: businessHours · factTimeoutMs: 3000', 150, ['check: businessHours ·', 'factTimeoutMs: 3000']],
    ['이 통화는 상담 품질 향상을 위해 녹음됩니다.', 140, ['이 통화는 상담 품질', '향상을 위해 녹음됩니다.']],
    ['', 100, []],
  ] as const)('%j in %i px → %j', (text, width, lines) =>
    expect(wrapText(text, TEXT_FONT, width).lines).toEqual(lines),
  );

  it('Hangul counts wider than Latin', () => {
    expect(textWidth('가나다', 12)).toBeGreaterThan(textWidth('abc', 12));
  });
});
