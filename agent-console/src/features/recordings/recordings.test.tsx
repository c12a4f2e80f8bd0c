import type { RecordingDetail, RecordingDto, RecordingStorageSummary } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { allowedViews } from '../../app/landing';
import { ConsultationBeside } from './RecordingDetail';
import { RecordingPlayer } from './RecordingPlayer';
import { RecordingSearchForm } from './RecordingSearchForm';
import { RecordingsTable } from './RecordingsTable';
import { ReviewForm } from './ReviewForm';
import { emptySearchForm, formatBytes, initialScores, searchQueryOf, seekWithin } from './recordings-model';
import { ReviewSummaryTable, StorageSummary } from './StorageSummary';

/** Issue 13 in the console: the 녹취 screen's search, results, player, consultation, review and storage. */
const recording: RecordingDto = {
  id: '12',
  name: 'cc/2025-03-14/call-1',
  callId: 'call-1',
  agentId: '1001',
  counselorName: '김상담',
  queue: 'fund',
  companyId: '7',
  companyName: '한빛정밀',
  consultationId: '30',
  callerNumber: '010-****-5678',
  category: 'finance',
  startedAt: '2025-03-14T03:00:00.000Z',
  endedAt: '2025-03-14T03:05:00.000Z',
  durationMs: 300_000,
  bytes: 4_800_044,
  sha256: 'ab'.repeat(32),
  state: 'stored',
  legalHold: true,
  pausedSpans: [{ fromMs: 60_000, toMs: 75_000 }],
  finalisedAt: '2025-03-14T03:05:02.000Z',
  expiresAt: null,
  reviewScore: 85,
};

describe('recordings model', () => {
  it('sends only what was typed, trimmed', () => {
    expect(searchQueryOf({ ...emptySearchForm(), from: '2025-03-01', callerNumber: ' 5678 ', queue: 'fund' })).toEqual({
      limit: 100,
      from: '2025-03-01',
      callerNumber: '5678',
      queue: 'fund',
    });
    expect(searchQueryOf(emptySearchForm(), 20)).toEqual({ limit: 20 });
  });
  it('formats sizes, keeps seeks inside the recording, starts scores at the maximum', () => {
    expect([formatBytes(512), formatBytes(2048), formatBytes(4_800_044)]).toEqual(['512 B', '2.0 KB', '4.6 MB']);
    expect([seekWithin(3, -5, 60), seekWithin(58, 5, 60), seekWithin(10, 5, 60)]).toEqual([0, 60, 15]);
    expect(initialScores([{ id: '1', maxScore: 5 }])).toEqual({ '1': 5 });
  });
  it('counselors and supervisors both get the screen; partners do not', () => {
    expect(allowedViews('counselor', true)).toContain('recordings');
    expect(allowedViews('supervisor', false)).toContain('recordings');
    expect(allowedViews('partner', false)).not.toContain('recordings');
  });
});

describe('the 녹취 screen', () => {
  const ui = consoleI18n();
  const html = ui.html;

  it('results: when (KST), counselor, masked number, length, score, hold and a named open button', () => {
    const out = html(<RecordingsTable rows={[recording]} selectedId={null} onOpen={() => undefined} />);
    expect(out).toContain('<th scope="row">2025-03-14 12:00</th>');
    expect(out).toContain('김상담');
    expect(out).toContain('010-****-5678');
    expect(out).toContain('>5:00<');
    expect(out).toContain('>85<');
    expect(out).toContain('법적 보존');
    expect(out).toContain('aria-label="2025-03-14 12:00 김상담 녹취 열기"');
    expect(html(<RecordingsTable rows={[]} selectedId={null} onOpen={() => undefined} />)).toContain(
      '조건에 맞는 녹취가 없습니다.',
    );
  });

  it('the search form labels every field, hides the counselor field from counselors, shows a 400 under its field', () => {
    const props = {
      form: emptySearchForm(),
      onChange: () => undefined,
      onSubmit: () => undefined,
      onReset: () => undefined,
    };
    const sup = html(<RecordingSearchForm {...props} showCounselor fieldErrors={{ from: 'YYYY-MM-DD 형식입니다' }} />);
    expect(sup).toContain('name="agentId"');
    expect(sup).toContain('aria-invalid="true" aria-describedby="rec-from-error"');
    expect(sup).toContain('YYYY-MM-DD 형식입니다');
    expect(sup).toContain('<option value="finance">');
    expect(html(<RecordingSearchForm {...props} showCounselor={false} fieldErrors={{}} />)).not.toContain(
      'name="agentId"',
    );
  });

  it('the player: a keyboard slider over the waveform, play, seek and speed controls, paused spans', () => {
    const out = html(
      <RecordingPlayer
        url="http://x/api/recordings/12/file"
        onDownload={() => undefined}
        pausedSpans={recording.pausedSpans}
      />,
    );
    expect(out).toContain('role="slider"');
    expect(out).toContain('tabindex="0"');
    expect(out).toContain('녹취 파형 (방향키로 5초씩 이동)');
    expect(out).toContain('<audio src="http://x/api/recordings/12/file" preload="metadata">');
    expect(out).toContain('5초 뒤로');
    expect(out).toContain('<option value="1.5">1.5×</option>');
    expect(out).toContain('다운로드');
    expect(out).toContain('녹취 중지 구간: 1:00–1:15');
  });

  it('the consultation beside the audio, or a note that none is linked', () => {
    const detail: RecordingDetail = {
      ...recording,
      consultation: {
        id: '30',
        category: 'finance',
        subCategory: '정책자금',
        summary: '운전자금 신청 절차 안내',
        outcome: 'resolved',
        followUp: null,
        createdAt: '2025-03-14T03:06:00.000Z',
      },
      reviews: [],
    };
    const out = html(<ConsultationBeside detail={detail} />);
    expect(out).toContain('운전자금 신청 절차 안내');
    expect(out).toContain('한빛정밀');
    expect(html(<ConsultationBeside detail={{ ...detail, consultation: null }} />)).toContain(
      '연결된 상담 기록이 없습니다.',
    );
  });

  it('the review form: one bounded score per active criterion and a comment', () => {
    const out = html(
      <ReviewForm
        busy={false}
        onSubmit={() => undefined}
        criteria={[
          { id: '1', label: '친절도', maxScore: 5, active: true, sortOrder: 1 },
          { id: '2', label: '폐기된 항목', maxScore: 5, active: false, sortOrder: 2 },
        ]}
      />,
    );
    expect(out).toContain('친절도 (0–5)');
    expect(out).toContain('max="5"');
    expect(out).not.toContain('폐기된 항목');
    expect(out).toContain('평가 저장');
  });

  it('storage and review summaries, in Korean and in English', async () => {
    const storage: RecordingStorageSummary = {
      files: 3,
      bytes: 3 * 1024 * 1024,
      stored: 3,
      onLegalHold: 1,
      retentionDays: 365,
      expiring: { days: 30, count: 2, bytes: 2048 },
      byState: { stored: 3 },
    };
    expect(html(<StorageSummary storage={storage} />)).toContain('30일 안에 삭제 예정: 2건 (2.0 KB)');
    const summary = [{ agentId: '1001', counselorName: '김상담', reviews: 2, average: 80, lowest: 70, highest: 90 }];
    expect(html(<ReviewSummaryTable rows={summary} />)).toContain('<th scope="row">김상담</th>');
    await ui.i18n.changeLanguage('en');
    try {
      expect(html(<StorageSummary storage={storage} />)).toContain('Deleted within 30 days: 2 (2.0 KB)');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
  });
});
