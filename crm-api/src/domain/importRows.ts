import {
  calendarDay,
  isValidBizRegNo,
  KOREAN_REGIONS,
  normalizeBizRegNo,
  SIZE_CLASSES,
  SUPPORT_STATUS_LABELS,
  SUPPORT_STATUSES,
  type SupportStatus,
} from '@cc1357/contracts';
import { z } from 'zod';

/**
 * Row validation for CSV imports, pure: each row → a clean value or every reason it is
 * refused, in Korean, so an administrator can fix the file in one pass. A blank cell gets one
 * reason, "값이 없습니다", never the format rule it would also break.
 */

export type RowResult<T> = { ok: true; value: T } | { ok: false; reasons: string[] };

/** A cell that must not be blank, then `rule` on its trimmed text (the rule only runs on a filled cell). */
function required<T extends z.ZodType<unknown, string>>(label: string, rule: T) {
  const missing = `${label} 값이 없습니다`;
  return z.string({ error: missing }).trim().min(1, missing).pipe(rule);
}

const text = (label: string, max: number) => required(label, z.string().max(max, `${label}이(가) 너무 깁니다`));

/** 10 digits with dashes or not, and the check digit right: three different mistakes, three messages. */
const bizRegNo = required(
  '사업자등록번호',
  z
    .string()
    .transform(normalizeBizRegNo)
    .superRefine((digits, ctx) => {
      if (!/^\d{10}$/.test(digits))
        ctx.addIssue({ code: 'custom', message: '사업자등록번호는 숫자 10자리입니다 (예: 123-45-67890)' });
      else if (!isValidBizRegNo(digits))
        ctx.addIssue({ code: 'custom', message: '사업자등록번호 검증번호가 맞지 않습니다' });
    }),
);

const CompanyRow = z.object({
  bizRegNo,
  name: text('상호', 200),
  representative: text('대표자', 100),
  region: required(
    '지역',
    z
      .string()
      .refine((r) => (KOREAN_REGIONS as readonly string[]).includes(r), '지역은 17개 시·도 정식 명칭이어야 합니다'),
  ),
  ksicCode: required('업종코드', z.string().regex(/^[A-U][0-9]{0,5}$/, '업종코드(KSIC) 형식이 아닙니다 (예: C26)')),
  ksicLabel: text('업종명', 200),
  sizeClass: required(
    '규모',
    z
      .string()
      .refine((s) => (SIZE_CLASSES as readonly string[]).includes(s), '규모는 소상공인·소기업·중기업 중 하나입니다'),
  ),
  employees: required(
    '종업원 수',
    z
      .string()
      .regex(/^\d{1,7}$/, '종업원 수는 0 이상의 정수입니다')
      .transform(Number),
  ),
  foundedOn: required('설립일', calendarDay('설립일은 YYYY-MM-DD 입니다')),
});
export type CompanyImportRow = z.infer<typeof CompanyRow>;

function reasonsOf(error: z.ZodError): string[] {
  return error.issues.map((i) => i.message);
}

function validate<T>(schema: z.ZodType<T>, raw: Record<string, string | undefined>): RowResult<T> {
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reasons: reasonsOf(parsed.error) };
}

export function validateCompanyRow(raw: Record<string, string | undefined>): RowResult<CompanyImportRow> {
  return validate(CompanyRow, raw);
}

const STATUS_BY_LABEL = new Map<string, SupportStatus>([
  ...SUPPORT_STATUSES.map((s) => [s, s] as const),
  ...Object.entries(SUPPORT_STATUS_LABELS).map(([code, label]) => [label, code as SupportStatus] as const),
]);

const SupportRow = z.object({
  bizRegNo,
  program: text('사업명', 200),
  agency: text('기관', 200),
  year: required(
    '연도',
    z
      .string()
      .regex(/^\d{4}$/, '연도는 4자리입니다')
      .transform(Number)
      .refine((y) => y >= 1990 && y <= 2100, '연도 범위(1990–2100)를 벗어났습니다'),
  ),
  amount: required(
    '금액',
    z
      .string()
      .transform((a) => a.replace(/,/g, ''))
      .pipe(z.string().regex(/^\d{1,15}$/, '금액은 원 단위 0 이상의 정수입니다'))
      .transform(Number),
  ),
  status: required(
    '상태',
    z
      .string()
      .refine(
        (s) => STATUS_BY_LABEL.has(s),
        `상태는 ${SUPPORT_STATUSES.join('·')} 또는 ${Object.values(SUPPORT_STATUS_LABELS).join('·')} 중 하나입니다`,
      )
      .transform((s) => STATUS_BY_LABEL.get(s)!),
  ),
});
export type SupportImportRow = z.infer<typeof SupportRow>;

export function validateSupportRow(raw: Record<string, string | undefined>): RowResult<SupportImportRow> {
  return validate(SupportRow, raw);
}
