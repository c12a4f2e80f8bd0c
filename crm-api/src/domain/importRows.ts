import { isValidBizRegNo, KOREAN_REGIONS, normalizeBizRegNo, SIZE_CLASSES, SUPPORT_STATUS_LABELS, SUPPORT_STATUSES, type SupportStatus } from '@cc1357/contracts';
import { z } from 'zod';
import { isoDate } from './isoDate';

/**
 * Row validation for CSV imports, pure: each row → a clean value or every reason it is
 * refused, in Korean, so an administrator can fix the file in one pass.
 */

export type RowResult<T> = { ok: true; value: T } | { ok: false; reasons: string[] };

const text = (label: string, max: number) => z.string({ error: `${label} 값이 없습니다` }).trim().min(1, `${label} 값이 없습니다`).max(max, `${label}이(가) 너무 깁니다`);

const CompanyRow = z.object({
  bizRegNo: z.string({ error: '사업자등록번호 값이 없습니다' }),
  name: text('상호', 200),
  representative: text('대표자', 100),
  region: z.string({ error: '지역 값이 없습니다' }).trim().refine((r) => (KOREAN_REGIONS as readonly string[]).includes(r), '지역은 17개 시·도 정식 명칭이어야 합니다'),
  ksicCode: z.string({ error: '업종코드 값이 없습니다' }).trim().regex(/^[A-U][0-9]{0,5}$/, '업종코드(KSIC) 형식이 아닙니다 (예: C26)'),
  ksicLabel: text('업종명', 200),
  sizeClass: z.string({ error: '규모 값이 없습니다' }).trim().refine((s) => (SIZE_CLASSES as readonly string[]).includes(s), '규모는 소상공인·소기업·중기업 중 하나입니다'),
  employees: z.string({ error: '종업원 수 값이 없습니다' }).trim().regex(/^\d{1,7}$/, '종업원 수는 0 이상의 정수입니다').transform(Number),
  foundedOn: z.string({ error: '설립일 값이 없습니다' }).trim().pipe(isoDate('설립일은 YYYY-MM-DD 입니다')),
});
export type CompanyImportRow = Omit<z.infer<typeof CompanyRow>, 'bizRegNo'> & { bizRegNo: string };

function reasonsOf(error: z.ZodError): string[] {
  return error.issues.map((i) => i.message);
}

export function validateCompanyRow(raw: Record<string, string | undefined>): RowResult<CompanyImportRow> {
  const parsed = CompanyRow.safeParse(raw);
  const reasons = parsed.success ? [] : reasonsOf(parsed.error);
  const bizRegNo = normalizeBizRegNo(raw.bizRegNo ?? '');
  if (raw.bizRegNo !== undefined && !isValidBizRegNo(bizRegNo)) reasons.unshift('사업자등록번호 검증번호가 맞지 않습니다');
  if (reasons.length || !parsed.success) return { ok: false, reasons };
  return { ok: true, value: { ...parsed.data, bizRegNo } };
}

const STATUS_BY_LABEL = new Map<string, SupportStatus>([
  ...SUPPORT_STATUSES.map((s) => [s, s] as const),
  ...Object.entries(SUPPORT_STATUS_LABELS).map(([code, label]) => [label, code as SupportStatus] as const),
]);

const SupportRow = z.object({
  bizRegNo: z.string({ error: '사업자등록번호 값이 없습니다' }),
  program: text('사업명', 200),
  agency: text('기관', 200),
  year: z.string({ error: '연도 값이 없습니다' }).trim().regex(/^\d{4}$/, '연도는 4자리입니다').transform(Number).refine((y) => y >= 1990 && y <= 2100, '연도 범위(1990–2100)를 벗어났습니다'),
  amount: z.string({ error: '금액 값이 없습니다' }).trim().transform((a) => a.replace(/,/g, '')).pipe(z.string().regex(/^\d{1,15}$/, '금액은 원 단위 0 이상의 정수입니다')).transform(Number),
  status: z.string({ error: '상태 값이 없습니다' }).trim().refine((s) => STATUS_BY_LABEL.has(s), `상태는 ${SUPPORT_STATUSES.join('·')} 또는 ${Object.values(SUPPORT_STATUS_LABELS).join('·')} 중 하나입니다`)
    .transform((s) => STATUS_BY_LABEL.get(s)!),
});
export type SupportImportRow = Omit<z.infer<typeof SupportRow>, 'bizRegNo'> & { bizRegNo: string };

export function validateSupportRow(raw: Record<string, string | undefined>): RowResult<SupportImportRow> {
  const parsed = SupportRow.safeParse(raw);
  const reasons = parsed.success ? [] : reasonsOf(parsed.error);
  const bizRegNo = normalizeBizRegNo(raw.bizRegNo ?? '');
  if (raw.bizRegNo !== undefined && !isValidBizRegNo(bizRegNo)) reasons.unshift('사업자등록번호 검증번호가 맞지 않습니다');
  if (reasons.length || !parsed.success) return { ok: false, reasons };
  return { ok: true, value: { ...parsed.data, bizRegNo } };
}
