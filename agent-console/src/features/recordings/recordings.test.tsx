import type { RecordingDetail, RecordingDto, RecordingStorageSummary } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { allowedViews } from '../../app/landing';
import { CriteriaEditor, CriterionRow } from './CriteriaEditor';
import { ConsultationBeside } from './RecordingDetail';
import { RecordingPlayer } from './RecordingPlayer';
import { RecordingSearchForm } from './RecordingSearchForm';
import { RecordingsTable } from './RecordingsTable';
import { ReviewForm } from './ReviewForm';
import {
  emptySearchForm,
  formatBytes,
  initialScores,
  pauseLength,
  pauseMarkers,
  searchQueryOf,
  seekWithin,
} from './recordings-model';
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
  it('pauses: whole minutes and seconds of wall-clock time; one fixed marker per pause at its file offset', () => {
    expect([pauseLength(72_000), pauseLength(45_400), pauseLength(59_600), pauseLength(0)]).toEqual([
      { min: 1, sec: 12 },
      { min: 0, sec: 45 },
      { min: 1, sec: 0 },
      { min: 0, sec: 0 },
    ]);
    expect(pauseMarkers([{ offsetMs: 10_000 }, { offsetMs: 18_500 }])).toEqual([
      { id: 'pause-1', start: 10, drag: false, resize: false },
      { id: 'pause-2', start: 18.5, drag: false, resize: false },
    ]);
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

  it('the player: a keyboard slider over the waveform, play, seek and speed controls, the pauses as text', async () => {
    const pauses = [
      { offsetMs: 60_000, pausedMs: 72_000, pausedAt: '2025-03-14T03:01:00.000Z', untilEnd: false },
      { offsetMs: 95_000, pausedMs: 45_000, pausedAt: '2025-03-14T03:04:00.000Z', untilEnd: true },
    ];
    const player = (
      <RecordingPlayer url="http://x/api/recordings/12/file" onDownload={() => undefined} pauses={pauses} />
    );
    const out = html(player);
    expect(out).toContain('role="slider"');
    expect(out).toContain('tabindex="0"');
    expect(out).toContain('녹취 파형 (방향키로 5초씩 이동)');
    expect(out).toContain('<audio src="http://x/api/recordings/12/file" preload="metadata">');
    expect(out).toContain('5초 뒤로');
    expect(out).toContain('<option value="1.5">1.5×</option>');
    expect(out).toContain('다운로드');
    expect(out).toContain('<h4 id="recording-pauses-title" class="small">녹취 일시중지</h4>');
    expect(out).toContain('1:00 지점: 녹취 일시중지 1분 12초');
    expect(out).toContain('1:35 지점: 녹취 일시중지 45초 (통화 끝까지)');
    expect(out).toContain('title="1:35 지점으로 이동"');
    expect(html(<RecordingPlayer url="http://x/api/recordings/12/file" onDownload={null} pauses={[]} />)).not.toContain(
      '녹취 일시중지',
    );
    await ui.i18n.changeLanguage('en');
    try {
      expect(html(player)).toContain('At 1:00: recording paused for 1 min 12 s');
      expect(html(player)).toContain('At 1:35: recording paused for 45 s (until the call ended)');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
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
      pauses: [],
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

  it('the criteria editor: each criterion a labelled form, order buttons at the ends disabled, retired ones to bring back, a new one', () => {
    const criteria = [
      { id: '1', label: '인사', maxScore: 5, active: true, sortOrder: 1 },
      { id: '2', label: '친절도', maxScore: 10, active: true, sortOrder: 2 },
      { id: '3', label: '옛 항목', maxScore: 5, active: false, sortOrder: 3 },
    ];
    const api = { create: async () => null, update: async () => null, reorder: async () => null };
    const out = html(<CriteriaEditor criteria={criteria} api={api} onChanged={() => undefined} />);
    expect(out).toContain('<h3 id="criteria-editor-title">평가 항목 관리</h3>');
    expect(out).toContain('aria-label="사용 중인 평가 항목 (평가 순서)"');
    expect(out).toContain('<form class="criterion-row" aria-label="인사">');
    expect(out).toContain('<label for="criterion-1-label">항목 이름</label>');
    expect(out).toMatch(
      /<input id="criterion-2-maxScore" type="number"[^>]* max="100"[^>]* name="maxScore" value="10"\/>/,
    );
    expect(out).toContain('disabled="" aria-label="인사 위로 이동"');
    expect(out).not.toContain('disabled="" aria-label="인사 아래로 이동"');
    expect(out).toContain('disabled="" aria-label="친절도 아래로 이동"');
    expect(out).toContain('aria-label="친절도 사용 중지"');
    expect(out).toContain('<h4>사용 중지한 항목</h4>');
    expect(out).toContain('aria-label="옛 항목 다시 사용"');
    expect(out).not.toContain('옛 항목 위로 이동');
    expect(out).toContain('<form class="criterion-row" aria-label="새 평가 항목">');
    expect(out).toContain('>추가</button>');
  });

  it('a criterion row shows each field’s error under it, tied to the field', () => {
    const out = html(
      <CriterionRow
        rowKey="new"
        criterion={null}
        draft={{ label: '', maxScore: '0' }}
        errors={{ label: '항목 이름을 입력하세요', maxScore: '만점은 1~100 사이의 정수입니다' }}
        busy={false}
        first={false}
        last={false}
        onChange={() => undefined}
        onSave={() => undefined}
        onMove={() => undefined}
        onActive={() => undefined}
      />,
    );
    expect(out).toContain('id="criterion-new-label" aria-invalid="true" aria-describedby="criterion-new-label-error"');
    expect(out).toContain('<span class="field-error" id="criterion-new-label-error">항목 이름을 입력하세요</span>');
    expect(out).toContain('aria-describedby="criterion-new-maxScore-error"');
    expect(out).toContain('만점은 1~100 사이의 정수입니다');
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
