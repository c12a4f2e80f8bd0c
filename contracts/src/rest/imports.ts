import { z } from 'zod';

/* ---------- imports ---------- */

/** The CSV imports crm-api takes (`POST /api/imports/<kind>`) and the header columns each needs. */
export type ImportKind = 'companies' | 'support-history';
export const IMPORT_COLUMNS: Record<ImportKind, readonly string[]> = {
  companies: [
    'bizRegNo',
    'name',
    'representative',
    'region',
    'ksicCode',
    'ksicLabel',
    'sizeClass',
    'employees',
    'foundedOn',
  ],
  'support-history': ['bizRegNo', 'program', 'agency', 'year', 'amount', 'status'],
};

/** Each column's Korean name: listed on the import screen, and accepted as a header in place of the field name. */
export const IMPORT_COLUMN_LABELS: Record<string, string> = {
  bizRegNo: '사업자등록번호',
  name: '상호',
  representative: '대표자',
  region: '지역',
  ksicCode: '업종코드',
  ksicLabel: '업종명',
  sizeClass: '규모',
  employees: '종업원수',
  foundedOn: '설립일',
  program: '사업명',
  agency: '기관',
  year: '연도',
  amount: '금액',
  status: '상태',
};

/** A header cell as a field name: the field name itself, or its Korean label (spaces ignored). */
export function importColumnOf(header: string): string {
  const h = header.trim().replace(/\s+/g, '');
  return Object.entries(IMPORT_COLUMN_LABELS).find(([, label]) => label === h)?.[0] ?? header.trim();
}

/** One example row per kind, for the template file the import screen offers (it imports cleanly). */
export const IMPORT_EXAMPLES: Record<ImportKind, readonly string[]> = {
  companies: ['261-87-21464', '정우건설(주)', '김정우', '경기도', 'F41', '종합 건설업', '소기업', '23', '2015-04-01'],
  'support-history': ['261-87-21464', '스마트공장 구축 지원(기초)', '중소벤처기업부', '2025', '30000000', 'paid'],
};

export const ImportReport = z.object({
  /** Data rows read (header excluded). */
  total: z.number().int(),
  /** Valid rows that inserted or changed something. */
  accepted: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  /** Valid rows identical to what is stored (re-running a file: all of them). */
  unchanged: z.number().int(),
  /** `row` is the CSV line number (header = line 1). */
  /** `values`: the row as read (header → cell), so the console can hand the refused rows back as a file. */
  rejected: z.array(
    z.object({
      row: z.number().int(),
      reasons: z.array(z.string()),
      values: z.record(z.string(), z.string()).optional(),
    }),
  ),
});
export type ImportReport = z.infer<typeof ImportReport>;
