import { describe, expect, it } from 'vitest';
import { floor } from '../../../test/factories';
import { consoleI18n } from '../../../test/render';
import { floorView } from './floor-model';
import { QueueTable } from './QueueTable';

const ui = consoleI18n();
const rowOf = (html: string, queue: string) => html.split(`data-queue="${queue}"`)[1]!.split('</tr>')[0]!;

/** Admission control on the wallboard (issue 15): callers turned away today, per queue. */
describe('the queue table: callers refused by admission control today', () => {
  const view = floorView(
    floor({
      queues: [
        { queue: 'fund', waiting: 12, longestWaitSeconds: 300, refusedToday: 4 },
        { queue: 'hr', waiting: 0, longestWaitSeconds: 0, refusedToday: 0 },
        { queue: 'startup', waiting: 1, longestWaitSeconds: 5, refusedToday: 1 },
      ],
    }),
  );

  it('shows each queue’s count under a labelled, explained column, and the total', () => {
    const out = ui.html(<QueueTable rows={view.rows} totals={view.totals} />);
    expect(out).toMatch(
      /<th scope="col" class="num" title="([^"]+)" aria-describedby="([^"]+)" data-col="refused">수용 초과<\/th>/,
    );
    const [, title, describedBy] = /title="([^"]+)" aria-describedby="([^"]+)" data-col="refused"/.exec(out)!;
    expect(title).toBe('대기열이 가득 차 오늘 대기열에 넣지 않고 넘침 경로(통화 폭주 안내)로 보낸 고객 수');
    // The explanation is read by screen readers too (the element the header points at).
    expect(out).toContain(`id="${describedBy}">${title}</span>`);
    expect(rowOf(out, 'fund')).toContain('<td class="num hot" data-col="refused">4</td>');
    expect(rowOf(out, 'hr')).toContain('<td class="num " data-col="refused">0</td>');
    expect(rowOf(out, 'startup')).toContain('data-col="refused">1</td>');
    // A queue telephony did not report: unknown, not zero.
    expect(rowOf(out, 'merchant')).toContain('data-col="refused">–</td>');
    expect(rowOf(out, 'total')).toContain('data-col="refused">5</td>');
  });

  it('in English', async () => {
    await ui.i18n.changeLanguage('en');
    try {
      const out = ui.html(<QueueTable rows={view.rows} totals={view.totals} />);
      expect(out).toContain('data-col="refused">Turned away</th>');
      expect(out).toContain('title="Callers sent to the overflow path today because the queue was full (not queued)"');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
  });

  it('shows – everywhere when telephony does not report refusals (an older version)', () => {
    const old = floorView(floor({ queues: [{ queue: 'fund', waiting: 2, longestWaitSeconds: 30 }] }));
    expect(old.totals.refusedToday).toBeUndefined();
    const out = ui.html(<QueueTable rows={old.rows} totals={old.totals} />);
    expect(rowOf(out, 'fund')).toContain('data-col="refused">–</td>');
    expect(rowOf(out, 'total')).toContain('data-col="refused">–</td>');
  });
});
