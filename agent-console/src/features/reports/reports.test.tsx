import {
  KPI_FORMULAS,
  KpiReport,
  WRAP_UP_CODES,
  type KpiCounts,
  type KpiFigures,
  type KpiRow,
  type RelayDayStats,
} from '@cc1357/contracts';
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { allowedViews } from '../../app/landing';
import { FormulaList } from './FormulaList';
import { exportSectionsOf, formulaSheetOf, sectionsXlsxBlobOf, sheetNameOf, xlsxBlobOf } from './report-files';
import { ReportFilters } from './ReportFilters';
import { ReportTable } from './ReportTable';
import { ReportsView } from './ReportsView';
import { WrapUpCodesTable } from './WrapUpCodesTable';
import {
  columnsFor,
  csvOf,
  defaultReportForm,
  fileNameOf,
  formatFigure,
  reportQueryOf,
  sectionsCsvOf,
  sheetOf,
  type SheetTexts,
} from './reports-model';

/** Issue 16 in the console: the 보고서 screen's filters, table with formulas, exports. */
const counts = (c: Partial<KpiCounts>): KpiCounts => ({
  offered: 0,
  answered: 0,
  abandoned: 0,
  shortAbandons: 0,
  answeredWithinThreshold: 0,
  answerWaitSeconds: 0,
  handled: 0,
  handleSeconds: 0,
  holdSeconds: 0,
  wrapUpSeconds: 0,
  busySeconds: 0,
  transfers: 0,
  callbacks: 0,
  fallback: 0,
  missed: 0,
  outbound: 0,
  outboundAnswered: 0,
  ...c,
});
const F = KPI_FORMULAS;
const figures = (v: Partial<Record<keyof KpiFigures, number | null>>): KpiFigures => ({
  offered: { value: v.offered ?? 0, formula: F.offered.id },
  answered: { value: v.answered ?? 0, formula: F.answered.id },
  abandoned: { value: v.abandoned ?? 0, formula: F.abandoned.id },
  shortAbandons: { value: v.shortAbandons ?? 0, formula: F.shortAbandons.id },
  serviceLevel: { value: v.serviceLevel ?? null, formula: F.serviceLevel.id },
  asaSeconds: { value: v.asaSeconds ?? null, formula: F.asa.id },
  ahtSeconds: { value: v.ahtSeconds ?? null, formula: F.aht.id },
  abandonRate: { value: v.abandonRate ?? null, formula: F.abandonRate.id },
  occupancy: { value: null, formula: F.occupancy.id },
  transfers: { value: v.transfers ?? 0, formula: F.transfers.id },
  callbacks: { value: v.callbacks ?? 0, formula: F.callbacks.id },
  fallback: { value: v.fallback ?? 0, formula: F.fallback.id },
  outbound: { value: v.outbound ?? 0, formula: F.outbound.id },
  outboundAnswered: { value: v.outboundAnswered ?? 0, formula: F.outboundAnswered.id },
});
const fundRow: KpiRow = {
  start: '2025-03-14T00:00:00.000Z',
  end: '2025-03-14T01:00:00.000Z',
  label: '2025-03-14 09:00',
  key: 'fund',
  counts: counts({ offered: 4, answered: 2, abandoned: 2, shortAbandons: 1 }),
  figures: figures({
    offered: 4,
    answered: 2,
    abandoned: 2,
    shortAbandons: 1,
    serviceLevel: 0.3333,
    asaSeconds: 26,
    ahtSeconds: 180,
    abandonRate: 0.3333,
  }),
};
const noQueueRow: KpiRow = {
  ...fundRow,
  key: '-',
  counts: counts({ callbacks: 1 }),
  figures: figures({ callbacks: 1 }),
};
const period = { start: '2025-03-13T15:00:00.000Z', end: '2025-03-14T15:00:00.000Z', label: '2025-03-14 ~ 2025-03-14' };
const report: KpiReport = KpiReport.parse({
  from: '2025-03-14',
  to: '2025-03-14',
  interval: '60m',
  by: 'queue',
  serviceLevelSeconds: 20,
  shortAbandonSeconds: 5,
  names: {},
  rows: [fundRow, noQueueRow],
  byInterval: [{ ...fundRow, key: '*' }],
  totals: [
    { ...fundRow, ...period },
    { ...noQueueRow, ...period },
  ],
  total: { ...fundRow, ...period, key: '*', figures: figures({ offered: 4, callbacks: 1, serviceLevel: 0.3333 }) },
});

const texts: SheetTexts = {
  period: '구간',
  key: '큐',
  total: '전체',
  noKey: '큐 없음(ARS)',
  column: (c) => c,
};

describe('reports model', () => {
  it('starts on today (Seoul) by hour and queue, and sends the thresholds as typed', () => {
    // 2025-03-14 23:30 UTC is already the 15th in Seoul.
    const form = defaultReportForm(Date.parse('2025-03-14T23:30:00Z'));
    expect(form).toMatchObject({ from: '2025-03-15', to: '2025-03-15', interval: '60m', by: 'queue' });
    expect(reportQueryOf({ ...form, serviceLevelSeconds: ' 30 ', shortAbandonSeconds: '' })).toEqual({
      from: '2025-03-15',
      to: '2025-03-15',
      interval: '60m',
      by: 'queue',
      serviceLevelSeconds: '30',
      shortAbandonSeconds: undefined,
    });
  });

  it('queues have abandons and no occupancy; counselors the other way round', () => {
    expect(columnsFor('queue')).toContain('abandonRate');
    expect(columnsFor('queue')).not.toContain('occupancy');
    expect(columnsFor('agent')).toContain('occupancy');
    expect(columnsFor('agent')).not.toContain('abandoned');
    // Calls from the desk, for both groupings (per queue they sit in the no-queue row).
    for (const by of ['queue', 'agent'] as const)
      expect(columnsFor(by).slice(-2)).toEqual(['outbound', 'outboundAnswered']);
  });

  it('formats ratios as percents, seconds with a unit, nothing as a dash', () => {
    expect(formatFigure('serviceLevel', 0.3333, 'ko')).toBe('33.3%');
    expect(formatFigure('serviceLevel', 1, 'ko')).toBe('100%');
    expect(formatFigure('asaSeconds', 26, 'ko')).toBe('26초');
    expect(formatFigure('ahtSeconds', 180.25, 'en')).toBe('180.3 s');
    expect(formatFigure('serviceLevel', null, 'ko')).toBe('–');
    expect(formatFigure('offered', 12345, 'ko')).toBe('12,345');
  });

  it('CSV: a BOM for Korean Excel, formula ids in the header, rows then totals', () => {
    const csv = csvOf(sheetOf(report, texts, 'ko'));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parse(csv.slice(1)) as string[][];
    expect(rows[0]!.slice(0, 7)).toEqual([
      '구간',
      '큐',
      'offered [offered.v1]',
      'answered [answered.v1]',
      'abandoned [abandoned.v1]',
      'shortAbandons [shortAbandon.v1]',
      'serviceLevel [sl.v1]',
    ]);
    expect(rows[1]!.slice(0, 7)).toEqual(['2025-03-14 09:00', '정책자금·금융', '4', '2', '2', '1', '33.3']);
    expect(rows[2]![1]).toBe('큐 없음(ARS)');
    expect(rows.at(-1)!.slice(0, 3)).toEqual(['2025-03-14 ~ 2025-03-14', '전체', '4']);
    expect(rows).toHaveLength(1 + 2 + 2 + 1);
    expect(fileNameOf(report, 'csv')).toBe('kpi_queue_60m_2025-03-14_2025-03-14.csv');
  });

  it('Excel: a real xlsx (a zip) with the data and formulas sheets', async () => {
    const formulas = formulaSheetOf(report, 'ko', ['ID', '산식', 'expression']);
    expect(formulas[5]).toEqual(['sl.v1', F.serviceLevel.ko, F.serviceLevel.expression]);
    const blob = await xlsxBlobOf(sheetOf(report, texts, 'ko'), formulas, { data: '보고서', formulas: '산식' });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(bytes.length).toBeGreaterThan(1000);
  });

  it('supervisors and admins have the screen; counselors and partners do not', () => {
    expect(allowedViews('supervisor', false)).toContain('reports');
    expect(allowedViews('admin', false)).toContain('reports');
    expect(allowedViews('counselor', true)).not.toContain('reports');
    expect(allowedViews('partner', false)).not.toContain('reports');
  });
});

/** The report with wrap-up codes: fund 3 resolved + 1 callback needed; overall one more without a code. */
const coded: KpiReport = {
  ...report,
  totals: [{ ...report.totals[0]!, wrapUpCodes: { resolved: 3, callbackNeeded: 1 } }, report.totals[1]!],
  total: { ...report.total, wrapUpCodes: { resolved: 3, callbackNeeded: 1, none: 1 } },
};
const relays: RelayDayStats = {
  date: '2025-03-14',
  to: '2025-03-14',
  relays: 4,
  answered: 3,
  contextCarried: 2,
  callbacks: 1,
  contextRate: 2 / 3,
};

/** The CSV as a reader sees it: strict csv-parse (every line as wide as the first), the titled blocks after the first. */
function csvSections(csv: string): { first: string[][]; blocks: Map<string, string[][]> } {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv).toContain('\r\n');
  const lines = parse(csv.slice(1), { skip_empty_lines: false }) as string[][];
  const trimmed = lines.map((r) => {
    const end = r.findLastIndex((c) => c !== '');
    return r.slice(0, end + 1);
  });
  const cut = trimmed.flatMap((r, i) => (r.length === 0 ? [i] : []));
  const first = trimmed.slice(0, cut[0] ?? trimmed.length);
  const blocks = new Map<string, string[][]>();
  cut.forEach((at, n) => blocks.set(trimmed[at + 1]![0]!, trimmed.slice(at + 2, cut[n + 1] ?? trimmed.length)));
  return { first, blocks };
}

describe('the exports hold what the screen shows', () => {
  const ui = consoleI18n();
  const ko = () => exportSectionsOf(coded, relays, ui.i18n.getFixedT('ko'), 'ko');

  it('sections in the screen order: figures, all per interval, wrap-up codes, relay rate, formulas', () => {
    expect(ko().map((s) => s.title)).toEqual(['보고서', '구간별 전체', '후처리 코드', '협력기관 이관', '산식']);
    // No wrap-up ended and no relay rate loaded: no empty tables.
    expect(exportSectionsOf(report, null, ui.i18n.getFixedT('ko'), 'ko').map((s) => s.title)).toEqual([
      '보고서',
      '구간별 전체',
      '산식',
    ]);
  });

  it('CSV: the wrap-up codes per queue and in all, with counts and shares, every code of the catalogue', () => {
    const { first, blocks } = csvSections(sectionsCsvOf(ko()));
    // The figures still start the file, as before.
    expect(first).toHaveLength(1 + 2 + 2 + 1);
    expect(first[0]!.slice(0, 3)).toEqual(['구간', '큐', '인입 [offered.v1]']);
    expect(first[1]!.slice(0, 7)).toEqual(['2025-03-14 09:00', '정책자금·금융', '4', '2', '2', '1', '33.3']);
    const wrapUps = blocks.get('후처리 코드')!;
    expect(wrapUps[0]).toEqual(['큐', '코드', '후처리 코드', '건수', '비율(%)']);
    const fund = wrapUps.filter((r) => r[0] === '정책자금·금융');
    expect(fund).toEqual([
      ['정책자금·금융', 'resolved', '상담 완료', '3', '75'],
      ['정책자금·금융', 'followUp', '추가 안내 필요', '0', '0'],
      ['정책자금·금융', 'partnerReferral', '협력기관 연계', '0', '0'],
      ['정책자금·금융', 'callbackNeeded', '회신 필요', '1', '25'],
      ['정책자금·금융', 'wrongNumber', '오인 전화', '0', '0'],
      ['정책자금·금융', 'prankOrSilent', '장난·무응답', '0', '0'],
      ['정책자금·금융', 'none', '코드 없음', '0', '0'],
      ['정책자금·금융', '', '합계', '4', '100'],
    ]);
    // The queue with no wrap-up is left out, as on the screen; the total follows.
    expect(wrapUps.some((r) => r[0] === '해당 없음(ARS 등)')).toBe(false);
    const all = wrapUps.filter((r) => r[0] === '전체');
    expect(all.map((r) => r[1])).toEqual([...WRAP_UP_CODES, 'none', '']);
    expect(all.find((r) => r[1] === 'resolved')).toEqual(['전체', 'resolved', '상담 완료', '3', '60']);
    expect(all.find((r) => r[1] === 'none')).toEqual(['전체', 'none', '코드 없음', '1', '20']);
    expect(all.at(-1)).toEqual(['전체', '', '합계', '5', '100']);
    expect(wrapUps).toHaveLength(1 + 8 + 8);
  });

  it('CSV: the chart per interval, the relay rate of the period and the formulas', () => {
    const { blocks } = csvSections(sectionsCsvOf(ko()));
    const perInterval = blocks.get('구간별 전체')!;
    expect(perInterval[0]!.slice(0, 3)).toEqual(['구간', '큐', '인입 [offered.v1]']);
    expect(perInterval.slice(1).map((r) => r.slice(0, 7))).toEqual([
      ['2025-03-14 09:00', '전체', '4', '2', '2', '1', '33.3'],
    ]);
    expect(blocks.get('협력기관 이관')).toEqual([
      ['구간', '이관', '기관 응답', '맥락 전달', '회신 요청', '맥락 전달률(%)'],
      ['2025-03-14 ~ 2025-03-14', '4', '3', '2', '1', '66.7'],
    ]);
    const formulas = blocks.get('산식')!;
    expect(formulas[0]).toEqual(['ID', '산식', '계산식']);
    expect(formulas).toContainEqual(['sl.v1', F.serviceLevel.ko, F.serviceLevel.expression]);
  });

  it('Excel: a sheet per section, read back with read-excel-file, numbers as numbers', async () => {
    const sheets = await readXlsxFile(await sectionsXlsxBlobOf(ko()));
    expect(sheets.map((s) => s.sheet)).toEqual(['보고서', '구간별 전체', '후처리 코드', '협력기관 이관', '산식']);
    const sheet = (name: string) => sheets.find((s) => s.sheet === name)!.data;
    expect(sheet('보고서')).toEqual(ko()[0]!.rows);
    const wrapUps = sheet('후처리 코드');
    expect(wrapUps[0]).toEqual(['큐', '코드', '후처리 코드', '건수', '비율(%)']);
    expect(wrapUps).toContainEqual(['정책자금·금융', 'resolved', '상담 완료', 3, 75]);
    expect(wrapUps).toContainEqual(['정책자금·금융', 'callbackNeeded', '회신 필요', 1, 25]);
    expect(wrapUps).toContainEqual(['전체', 'none', '코드 없음', 1, 20]);
    expect(wrapUps.at(-1)).toEqual(['전체', null, '합계', 5, 100]);
    // The counts per key add up to the key's sum.
    const sumOf = (key: string) =>
      wrapUps.filter((r) => r[0] === key && r[1] !== null).reduce((a, r) => a + Number(r[3]), 0);
    expect(sumOf('전체')).toBe(5);
    expect(sumOf('정책자금·금융')).toBe(4);
    expect(sheet('구간별 전체')[1]!.slice(0, 7)).toEqual(['2025-03-14 09:00', '전체', 4, 2, 2, 1, 33.3]);
    expect(sheet('협력기관 이관')[1]).toEqual(['2025-03-14 ~ 2025-03-14', 4, 3, 2, 1, 66.7]);
    expect(sheet('산식')).toContainEqual(['sl.v1', F.serviceLevel.ko, F.serviceLevel.expression]);
  });

  it('in English when the screen is: labels, headers and sheet names', async () => {
    const en = exportSectionsOf(coded, relays, ui.i18n.getFixedT('en'), 'en');
    const sheets = await readXlsxFile(await sectionsXlsxBlobOf(en));
    expect(sheets.map((s) => s.sheet)).toEqual([
      'Reports',
      'All per interval',
      'Wrap-up codes',
      'Partner relays',
      'Formulas',
    ]);
    const wrapUps = sheets[2]!.data;
    expect(wrapUps[0]).toEqual(['Queue', 'Code', 'Wrap-up codes', 'Count', 'Share (%)']);
    expect(wrapUps).toContainEqual(['Policy funds & finance', 'resolved', 'Resolved', 3, 75]);
    expect(wrapUps).toContainEqual(['All', 'none', 'No code', 1, 20]);
    const { blocks } = csvSections(sectionsCsvOf(en));
    expect(blocks.get('Wrap-up codes')).toContainEqual([
      'Policy funds & finance',
      'callbackNeeded',
      'Callback needed',
      '1',
      '25',
    ]);
    expect(blocks.get('Formulas')![0]).toEqual(['ID', 'Formulas', 'Expression']);
  });

  it('per counselor: the wrap-up rows name the counselor', async () => {
    const byAgent: KpiReport = {
      ...coded,
      by: 'agent',
      names: { '1001': '김상담' },
      totals: [{ ...coded.totals[0]!, key: '1001' }],
    };
    const sheets = await readXlsxFile(
      await sectionsXlsxBlobOf(exportSectionsOf(byAgent, null, ui.i18n.getFixedT('ko'), 'ko')),
    );
    const wrapUps = sheets.find((s) => s.sheet === '후처리 코드')!.data;
    expect(wrapUps[0]![0]).toBe('상담원');
    expect(wrapUps).toContainEqual(['김상담 (1001)', 'resolved', '상담 완료', 3, 75]);
  });

  it('sheet names Excel takes: no []:*?/\\, at most 31 characters', () => {
    expect(sheetNameOf('a/b [c]: d*?\\e')).toBe('a b  c   d   e');
    expect(sheetNameOf('x'.repeat(40))).toHaveLength(31);
  });
});

describe('the 보고서 screen', () => {
  const ui = consoleI18n();

  it('the table: figures formatted, each column header naming its formula with a link to it', () => {
    const out = ui.html(<ReportTable report={report} />);
    expect(out).toContain('<th scope="row">2025-03-14 09:00</th><td>정책자금·금융</td>');
    expect(out).toContain('data-formula="sl.v1">33.3%</td>');
    expect(out).toContain('>26초<');
    expect(out).toContain(`title="${F.serviceLevel.ko}"`);
    expect(out).toContain('href="#kpi-formula-sl-v1"');
    expect(out).toContain(`aria-label="서비스 수준 산식 sl.v1: ${F.serviceLevel.ko}"`);
    expect(out).toContain('해당 없음(ARS 등)');
    expect(out).toContain('<th scope="row">기간 합계</th><td>전체</td>');
    expect(out).toContain('href="#kpi-formula-outboundAnswered-v1"');
    expect(out).toContain(`aria-label="발신 연결 산식 outboundAnswered.v1: ${F.outboundAnswered.ko}"`);
    expect(ui.html(<ReportTable report={{ ...report, rows: [] }} />)).toContain('이 기간에는 통화 기록이 없습니다.');
  });

  it('the formula list shows the text of every id the report carries, and the anchors the headers link to', () => {
    const out = ui.html(<FormulaList report={report} />);
    expect(out).toContain('id="kpi-formula-sl-v1"');
    expect(out).toContain(F.serviceLevel.ko);
    expect(out).toContain(F.aht.expression.replace(/>/g, '&gt;'));
    const unknown = {
      ...report,
      total: { ...report.total, figures: { ...report.total.figures, serviceLevel: { value: 1, formula: 'sl.v9' } } },
    };
    expect(ui.html(<FormulaList report={unknown} />)).toContain('알 수 없는 산식 sl.v9');
  });

  it('the filters label every field and show a 400 under its field', () => {
    const out = ui.html(
      <ReportFilters
        form={defaultReportForm(Date.parse('2025-03-14T03:00:00Z'))}
        fieldErrors={{ to: '15m 구간 보고서는 최대 31일까지 조회할 수 있습니다' }}
        busy={false}
        onChange={() => undefined}
        onSubmit={() => undefined}
      />,
    );
    for (const label of [
      '시작일',
      '종료일',
      '구간',
      '큐별',
      '상담원별',
      '서비스 수준 기준(초)',
      '짧은 포기 기준(초)',
    ]) {
      expect(out).toContain(label);
    }
    expect(out).toContain('<option value="15m">15분</option>');
    expect(out).toContain('aria-describedby="report-to-error"');
    expect(out).toContain('최대 31일');
  });

  it('says it is loading (a progress bar in a live region) before the first answer', () => {
    const out = ui.html(<ReportsView api={{ kpiReport: () => new Promise(() => undefined) }} now={() => 0} />);
    expect(out).toContain('role="status"');
    expect(out).toContain('<progress aria-label="보고서를 불러오는 중…"></progress>');
    expect(out).toContain('<h2>보고서</h2>');
  });

  it('per counselor: the name with the agent id, the bare id when the name is unknown', () => {
    const byAgent: KpiReport = {
      ...report,
      by: 'agent',
      names: { '1001': '김상담' },
      rows: [
        { ...fundRow, key: '1001' },
        { ...fundRow, key: '1009' },
      ],
      totals: [],
    };
    const out = ui.html(<ReportTable report={byAgent} />);
    expect(out).toContain('<td>김상담 (1001)</td>');
    expect(out).toContain('<td>1009</td>');
    expect(out).toContain('>상담원</th>');
    expect(out).not.toContain('포기율');
    expect(out).toContain('점유율');
  });

  it('a row computed another way than its column (occupancy without state history) shows its own formula id', () => {
    const v2 = (r: KpiRow): KpiRow => ({
      ...r,
      figures: { ...r.figures, occupancy: { value: 0.5, formula: F.occupancyStaffed.id } },
    });
    const mixed: KpiReport = {
      ...report,
      by: 'agent',
      names: {},
      rows: [v2({ ...fundRow, key: '1001' }), { ...fundRow, key: '1009' }],
      totals: [],
      total: v2(report.total),
    };
    const out = ui.html(<ReportTable report={mixed} />);
    expect(out).toContain('href="#kpi-formula-occupancy-v2"');
    expect(out).toContain(`title="${F.occupancy.ko}"`);
    expect(out).toContain(`<sup class="formula-ref small"> ${F.occupancy.id}</sup>`);
    expect(out.match(/<sup class="formula-ref small">/g)).toHaveLength(1);
    // Both ids are listed with their text.
    const list = ui.html(<FormulaList report={mixed} />);
    expect(list).toContain('id="kpi-formula-occupancy-v2"');
    expect(list).toContain('id="kpi-formula-occ-v1"');
  });

  it('후처리 코드: each queue and the total by wrap-up code with its share; nothing when no wrap-up ended', () => {
    const coded: KpiReport = {
      ...report,
      totals: [{ ...report.totals[0]!, wrapUpCodes: { resolved: 3, callbackNeeded: 1 } }, report.totals[1]!],
      total: { ...report.total, wrapUpCodes: { resolved: 3, callbackNeeded: 1, none: 1 } },
    };
    const out = ui.html(<WrapUpCodesTable report={coded} />);
    expect(out).toContain('<th scope="col">상담 완료</th>');
    expect(out).toContain('<th scope="col">코드 없음</th>');
    // The fund queue: 3 of 4 resolved; the queue with no wrap-up is left out.
    expect(out).toContain('<th scope="row">정책자금·금융</th><td class="num" data-code="resolved">3 (75%)</td>');
    expect(out).not.toContain('해당 없음(ARS 등)');
    expect(out).toContain('<th scope="row">전체</th><td class="num" data-code="resolved">3 (60%)</td>');
    expect(out).toContain('data-code="none">1 (20%)</td><td class="num">5</td>');
    expect(ui.html(<WrapUpCodesTable report={report} />)).toBe('');
  });

  it('reads in English too', async () => {
    await ui.i18n.changeLanguage('en');
    try {
      const out = ui.html(<ReportTable report={report} />);
      expect(out).toContain('Service level');
      expect(out).toContain(`title="${F.serviceLevel.en}"`);
      expect(out).toContain('Policy funds &amp; finance');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
  });
});
