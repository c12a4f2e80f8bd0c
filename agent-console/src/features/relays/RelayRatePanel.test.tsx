import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { RelayRatePanel } from './RelayRatePanel';

describe('the relay rate on the 이관 page', () => {
  const ui = consoleI18n();
  const stats = { date: '2026-03-03', relays: 5, answered: 4, contextCarried: 3, callbacks: 1, contextRate: 0.75 };

  it('the counts and the share whose package reached the partner before it answered, in Korean', () => {
    const out = ui.html(<RelayRatePanel stats={stats} />);
    expect(out).toContain('오늘의 협력기관 이관');
    expect(out).toContain('맥락 전달률 75%');
    expect(out).toContain('<dt>기관 응답</dt><dd>4</dd>');
    expect(out).toContain('<dt>맥락 전달</dt><dd>3</dd>');
    expect(out).toContain('<dt>회신 요청</dt><dd>1</dd>');
    expect(out).toContain('aria-labelledby="relay-rate-title"');
  });

  it("over a period (the 보고서 page's): the period in the title", () => {
    const out = ui.html(<RelayRatePanel stats={{ ...stats, to: '2026-03-31' }} />);
    expect(out).toContain('기간의 협력기관 이관');
    expect(out).toContain('(2026-03-03 ~ 2026-03-31)');
    expect(out).not.toContain('오늘의');
  });

  it('none answered yet: says so instead of 0 %; English too', async () => {
    const none = { ...stats, answered: 0, contextCarried: 0, contextRate: null };
    expect(ui.html(<RelayRatePanel stats={none} />)).toContain('맥락 전달률 — (기관이 받은 이관 없음)');
    await ui.i18n.changeLanguage('en');
    try {
      expect(ui.html(<RelayRatePanel stats={{ ...stats, contextRate: 2 / 3 }} />)).toContain('Context carried 66.7%');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
  });
});
