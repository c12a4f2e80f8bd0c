import { ConsultationPivot, FcrReport, KPI_FORMULAS } from '@cc1357/contracts';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { allowedViews } from '../../app/landing';
import { csvOf } from '../reports/reports-model';
import { xlsxBlobOf } from '../reports/report-files';
import { AnalysisFilters } from './AnalysisFilters';
import { AnalysisView } from './AnalysisView';
import {
  analysisFileName,
  defaultAnalysisForm,
  fcrFormulaRowsOf,
  fcrSheetOf,
  keyLabel,
  pivotSheetOf,
  queriesOf,
} from './analysis-model';
import { FcrTable } from './FcrTable';
import { PivotTable } from './PivotTable';

/** Issue 16 in the console: the 상담 분석 screen's pivot, FCR table with its formula, exports. */
const F = KPI_FORMULAS.fcr;
const pivot: ConsultationPivot = ConsultationPivot.parse({
  from: '2025-03-01',
  to: '2025-03-31',
  rows: 'category',
  cols: 'region',
  rowKeys: ['finance', 'startup', 'other'],
  colKeys: ['서울특별시', '-'],
  counts: [
    [3, 0],
    [2, 1],
    [0, 2],
  ],
  rowTotals: [3, 3, 2],
  colTotals: [5, 3],
  total: 8,
});
const row = (key: string, contacts: number, repeated: number, value: number | null) => ({
  key,
  contacts,
  repeated,
  resolved: contacts - repeated,
  rate: { value, formula: F.id },
});
const fcr: FcrReport = FcrReport.parse({
  from: '2025-03-01',
  to: '2025-03-31',
  by: 'counselor',
  windowDays: 7,
  names: { '7': '김상담' },
  rows: [row('7', 4, 1, 0.75), row('9', 2, 0, 1)],
  total: row('*', 6, 1, 0.8333),
  unidentified: 1,
});
const texts = { unknown: '미상', total: '합계' };

describe('analysis model', () => {
  it('starts on the month so far (Seoul), category × month, FCR per queue over 7 days', () => {
    // 2025-03-14 23:30 UTC is already the 15th in Seoul.
    const form = defaultAnalysisForm(Date.parse('2025-03-14T23:30:00Z'));
    expect(form).toEqual({
      from: '2025-03-01',
      to: '2025-03-15',
      rows: 'category',
      cols: 'month',
      fcrBy: 'queue',
      windowDays: '7',
    });
    expect(queriesOf({ ...form, windowDays: ' ' })).toEqual({
      pivot: { from: '2025-03-01', to: '2025-03-15', rows: 'category', cols: 'month' },
      fcr: { from: '2025-03-01', to: '2025-03-15', by: 'queue', windowDays: undefined },
    });
  });

  it('reads keys in the screen language: agencies, queues, categories, KSIC sections, counselors, unknown', () => {
    expect(keyLabel('agency', 'sbc', 'ko', texts)).toBe('중진공');
    expect(keyLabel('queue', 'fund', 'ko', texts)).toBe('정책자금·금융');
    expect(keyLabel('category', 'finance', 'en', texts)).toBe('Finance');
    expect(keyLabel('industry', 'C', 'ko', texts)).toBe('C 제조업');
    expect(keyLabel('counselor', '7', 'ko', texts, { '7': '김상담' })).toBe('김상담 (7)');
    expect(keyLabel('counselor', '9', 'ko', texts, {})).toBe('9');
    expect(keyLabel('region', '-', 'ko', texts)).toBe('미상');
  });

  it('pivot CSV: a BOM for Korean Excel, column keys then 합계, each row with its total, the totals row last', () => {
    const csv = csvOf(pivotSheetOf(pivot, { ...texts, corner: '상담 분야 \\ 지역' }, 'ko'));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(parse(csv.slice(1))).toEqual([
      ['상담 분야 \\ 지역', '서울특별시', '미상', '합계'],
      ['금융', '3', '0', '3'],
      ['창업', '2', '1', '3'],
      ['기타', '0', '2', '2'],
      ['합계', '5', '3', '8'],
    ]);
    expect(analysisFileName('pivot', pivot, 'csv')).toBe('consultations_pivot_2025-03-01_2025-03-31.csv');
  });

  it('FCR sheet: the rate as a percent under its formula id; the formula rows carry the text of that id', async () => {
    const sheet = fcrSheetOf(
      fcr,
      {
        ...texts,
        key: '상담원별',
        contacts: '상담',
        repeated: '재상담',
        resolved: '해결',
        rate: '해결률',
        formula: '산식',
      },
      'ko',
    );
    expect(sheet).toEqual([
      ['상담원별', '상담', '재상담', '해결', '해결률 (%) [fcr.v1]'],
      ['김상담 (7)', 4, 1, 3, 75],
      ['9', 2, 0, 2, 100],
      ['합계', 6, 1, 5, 83.3],
    ]);
    const formulas = fcrFormulaRowsOf(fcr, 'ko', ['ID', '산식', 'expression']);
    expect(formulas[1]).toEqual(['fcr.v1', F.ko, F.expression]);
    const blob = await xlsxBlobOf([...sheet, [], ...sheet], formulas, { data: '상담 분석', formulas: '산식' });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]); // a zip: a real xlsx
  });

  it('supervisors and admins have the screen; counselors and partners do not', () => {
    expect(allowedViews('supervisor', false)).toContain('analysis');
    expect(allowedViews('admin', true)).toContain('analysis');
    expect(allowedViews('counselor', true)).not.toContain('analysis');
    expect(allowedViews('partner', false)).not.toContain('analysis');
  });
});

describe('the 상담 분석 screen', () => {
  const ui = consoleI18n();

  it('the pivot table: labelled keys, row totals and a totals row', () => {
    const out = ui.html(<PivotTable pivot={pivot} />);
    expect(out).toContain('<th scope="col">상담 분야 \\ 지역</th>');
    expect(out).toContain('<th scope="row">금융</th><td class="num">3</td><td class="num">0</td>');
    expect(out).toContain('<th scope="col">미상</th>');
    expect(out).toContain('<tfoot><tr><th scope="row">합계</th><td class="num"><strong>5</strong></td>');
    expect(out).toContain('<strong>8</strong>');
    expect(ui.html(<PivotTable pivot={{ ...pivot, rowKeys: [], counts: [], rowTotals: [], total: 0 }} />)).toContain(
      '이 기간에는 상담 기록이 없습니다.',
    );
  });

  it('the FCR table shows the formula from its id, counselors by name, and what was left out', () => {
    const out = ui.html(<FcrTable report={fcr} />);
    expect(out).toContain('<th scope="row">김상담 (7)</th>');
    expect(out).toContain('data-formula="fcr.v1">75%</td>');
    expect(out).toContain('83.3%');
    expect(out).toContain(F.ko);
    expect(out).toContain('href="#fcr-formula"');
    expect(out).toContain('1건은 FCR에서 뺐습니다');
    const unknown = { ...fcr, total: { ...fcr.total, rate: { value: 1, formula: 'fcr.v9' } } };
    expect(ui.html(<FcrTable report={unknown} />)).toContain('알 수 없는 산식 fcr.v9');
  });

  it('the filters label every picker and show a 400 under its field', () => {
    const out = ui.html(
      <AnalysisFilters
        form={defaultAnalysisForm(Date.parse('2025-03-14T03:00:00Z'))}
        fieldErrors={{ cols: '행과 열에 같은 기준을 고를 수 없습니다' }}
        busy={false}
        onChange={() => undefined}
        onSubmit={() => undefined}
      />,
    );
    for (const label of ['시작일', '종료일', '행 기준', '열 기준', 'FCR 기준', '재상담 기간(일)', '분석']) {
      expect(out).toContain(label);
    }
    expect(out).toContain('<option value="industry">업종(KSIC 대분류)</option>');
    expect(out).toContain('aria-describedby="analysis-cols-error"');
    expect(out).toContain('행과 열에 같은 기준을 고를 수 없습니다');
  });

  it('says it is loading (a progress bar in a live region) before the first answer', () => {
    const never = () => new Promise<never>(() => undefined);
    const out = ui.html(<AnalysisView api={{ consultationPivot: never, fcrReport: never }} now={() => 0} />);
    expect(out).toContain('role="status"');
    expect(out).toContain('<progress aria-label="상담 분석을 불러오는 중…"></progress>');
    expect(out).toContain('<h2>상담 분석</h2>');
  });

  it('reads in English too', async () => {
    await ui.i18n.changeLanguage('en');
    try {
      const out = ui.html(<FcrTable report={fcr} />);
      expect(out).toContain('First-contact resolution');
      expect(out).toContain(F.en);
      expect(ui.html(<PivotTable pivot={pivot} />)).toContain('Category \\ Region');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
  });
});
