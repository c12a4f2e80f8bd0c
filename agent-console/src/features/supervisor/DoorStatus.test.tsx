import { describe, expect, it } from 'vitest';
import { floor } from '../../../test/factories';
import { consoleI18n } from '../../../test/render';
import { DoorAlert, DoorKpi } from './DoorStatus';
import { floorView } from './floor-model';

const ui = consoleI18n();

/** Telephony's door on the wallboard: callers turned away while a server falls behind. */
describe('the wallboard’s doors', () => {
  const closed = floorView(floor({ door: { refusedToday: 12, closedNodes: 1 } }));
  const open = floorView(floor({ door: { refusedToday: 0, closedNodes: 0 } }));
  const older = floorView(floor());

  it('shows today’s callers turned away at a closed door in a tile, explained to the eye and to screen readers', () => {
    const out = ui.html(<DoorKpi door={closed.door} />);
    expect(out).toMatch(/<li class="kpi hot" title="([^"]+)">/);
    expect(out).toContain('data-testid="kpi-door-refused" aria-describedby="kpi-door-refused-hint">12</span>');
    expect(out).toContain('<span class="kpi-label">과부하로 받지 못한 전화</span>');
    const hint = '전화 서버의 처리가 밀려 오늘 받지 않고 바로 끊은 전화 수 (모든 전화 서버 합계)';
    expect(out).toContain(`title="${hint}"`);
    expect(out).toContain(`id="kpi-door-refused-hint" class="sr-only">${hint}</span>`);
    expect(ui.html(<DoorKpi door={open.door} />)).toContain('<li class="kpi " title=');
    expect(ui.html(<DoorKpi door={open.door} />)).toContain('aria-describedby="kpi-door-refused-hint">0</span>');
  });

  it('says in a polite live region that new calls are refused while a door is closed, and nothing once open', () => {
    const out = ui.html(<DoorAlert door={closed.door} />);
    expect(out).toContain('<div class="door-live" role="status" aria-live="polite" data-testid="door-alert">');
    expect(out).toContain('<div class="alert alert-error" data-closed-nodes="1">');
    expect(out).toContain('<strong>과부하: 지금 새 전화를 받지 못하고 있습니다</strong>');
    expect(out).toContain('전화 서버 1대의 처리가 밀려, 새로 걸려 온 전화를 받지 않고 끊고 있습니다.');
    // The region stays (so what appears in it is announced), empty while every door is open.
    expect(ui.html(<DoorAlert door={open.door} />)).toBe(
      '<div class="door-live" role="status" aria-live="polite" data-testid="door-alert"></div>',
    );
  });

  it('shows – and no notice when telephony does not report its doors (an older version)', () => {
    const tile = ui.html(<DoorKpi door={older.door} />);
    expect(tile).toContain('aria-describedby="kpi-door-refused-hint">–</span>');
    expect(tile).toContain('(이전 버전)');
    expect(ui.html(<DoorAlert door={older.door} />)).toContain('data-testid="door-alert"></div>');
  });

  it('in English, with the number of servers', async () => {
    await ui.i18n.changeLanguage('en');
    try {
      expect(ui.html(<DoorKpi door={closed.door} />)).toContain('<span class="kpi-label">Refused in overload</span>');
      const two = floorView(floor({ door: { refusedToday: 3, closedNodes: 2 } }));
      const out = ui.html(<DoorAlert door={two.door} />);
      expect(out).toContain('<strong>Overloaded: new calls are being refused now</strong>');
      expect(out).toContain('2 telephony servers have fallen behind and hang up new callers unanswered.');
      expect(ui.html(<DoorAlert door={closed.door} />)).toContain('1 telephony server has fallen behind');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
  });
});
