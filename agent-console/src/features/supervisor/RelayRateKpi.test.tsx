import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { RelayRateKpi } from './RelayRateKpi';

describe('the relay rate on the wallboard', () => {
  const ui = consoleI18n();
  const stats = { date: '2026-03-03', relays: 5, answered: 4, contextCarried: 3, callbacks: 1, contextRate: 0.75 };

  it('shows the share whose package reached the partner first, out of the relays the partner answered', () => {
    const out = ui.html(<RelayRateKpi stats={stats} />);
    expect(out).toContain('data-testid="kpi-relay-rate"');
    expect(out).toContain('>75%</span>');
    expect(out).toContain('>맥락 전달률</span>');
    expect(out).toContain('기관 응답 4건 중 3건');
  });

  it('a dash before the figures load or while no relay was answered; English too', async () => {
    expect(ui.html(<RelayRateKpi stats={null} />)).toContain('>—</span>');
    const none = { ...stats, answered: 0, contextCarried: 0, contextRate: null };
    expect(ui.html(<RelayRateKpi stats={none} />)).toContain('>—</span>');
    await ui.i18n.changeLanguage('en');
    try {
      const out = ui.html(<RelayRateKpi stats={{ ...stats, contextRate: 2 / 3, contextCarried: 2, answered: 3 }} />);
      expect(out).toContain('>66.7%</span>');
      expect(out).toContain('>Context carried</span>');
      expect(out).toContain('2 of 3 relays answered');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
  });
});
