import {
  isValidBizRegNo,
  normalizeBizRegNo,
  type CompanySearchHit,
  type ConsultationSearchHit,
  type FieldError,
} from '@cc1357/contracts';
import { maskName, maskPhone } from '../domain/masking';
import { parseCallerNumber } from '../domain/phone';
import { AppError } from '../errors';
import { writeAudit } from '../repositories/audit';
import {
  companiesByBizRegNo,
  companiesByFilters,
  companiesByName,
  companiesByPhone,
  searchConsultations,
  type RawCompanyHit,
} from '../repositories/search';
import type { Actor, ServiceContext } from './context';
import { seoulDay } from '../domain/seoulDay';

export interface CompanyQuery {
  q?: string | undefined;
  bizRegNo?: string | undefined;
  phone?: string | undefined;
  region?: string | undefined;
  sizeClass?: string | undefined;
  limit: number;
}

function bizRegNoOf(raw: string | undefined, errors: FieldError[]): string | undefined {
  if (!raw) return undefined;
  const n = normalizeBizRegNo(raw);
  if (!isValidBizRegNo(n)) errors.push({ path: 'bizRegNo', message: '유효한 사업자등록번호가 아닙니다' });
  return n;
}

function phoneOf(raw: string | undefined, errors: FieldError[], path = 'phone'): string | undefined {
  if (!raw) return undefined;
  const p = parseCallerNumber(raw);
  if (p.kind !== 'number') {
    errors.push({ path, message: '전화번호 형식이 아닙니다' });
    return undefined;
  }
  return p.number;
}

const masked = (h: RawCompanyHit): CompanySearchHit => ({
  ...h,
  representative: maskName(h.representative),
  phones: h.phones.map((p) => maskPhone(p)!),
});

/** Masked company list by the first key given: 사업자등록번호, phone, then name; region/size narrow any. */
export async function searchCompanies(ctx: ServiceContext, actor: Actor, q: CompanyQuery): Promise<CompanySearchHit[]> {
  const errors: FieldError[] = [];
  const bizRegNo = bizRegNoOf(q.bizRegNo, errors);
  const phone = phoneOf(q.phone, errors);
  if (errors.length) throw new AppError('BAD_REQUEST', '입력값을 확인하세요', errors);
  const f = { region: q.region, sizeClass: q.sizeClass };
  const text = q.q?.trim() ?? '';
  let hits: RawCompanyHit[];
  if (bizRegNo) hits = await companiesByBizRegNo(ctx.db, bizRegNo, f);
  else if (phone) hits = await companiesByPhone(ctx.db, phone, f, q.limit);
  // A 10-digit 사업자등록번호 typed into the one search box.
  else if (/^\d{3}-?\d{2}-?\d{5}$/.test(text) && isValidBizRegNo(text))
    hits = await companiesByBizRegNo(ctx.db, normalizeBizRegNo(text), f);
  else if (text) hits = await companiesByName(ctx.db, text, f, q.limit);
  else if (q.region || q.sizeClass) hits = await companiesByFilters(ctx.db, f, q.limit);
  else
    throw new AppError('BAD_REQUEST', '검색어를 입력하세요', [
      { path: 'q', message: '검색어, 사업자등록번호, 전화번호 중 하나가 필요합니다' },
    ]);
  await writeAudit(ctx.readAuditDb, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action: 'company.search',
    subjectType: 'companies',
    subjectId: null,
    details: { q: text || undefined, bizRegNo, phone: phone ? maskPhone(phone) : undefined, returned: hits.length },
    at: ctx.now(),
  });
  return hits.map(masked);
}

export interface ConsultationQuery {
  q?: string | undefined;
  bizRegNo?: string | undefined;
  phone?: string | undefined;
  companyId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  category?: string | undefined;
  counselorId?: string | undefined;
  limit: number;
}

export async function searchConsultationLog(
  ctx: ServiceContext,
  actor: Actor,
  q: ConsultationQuery,
): Promise<ConsultationSearchHit[]> {
  const errors: FieldError[] = [];
  const bizRegNo = bizRegNoOf(q.bizRegNo, errors);
  const phone = phoneOf(q.phone, errors);
  if (errors.length) throw new AppError('BAD_REQUEST', '입력값을 확인하세요', errors);
  let companyIds: string[] | undefined = q.companyId ? [q.companyId] : undefined;
  const narrow = (ids: string[]) => (companyIds = companyIds ? companyIds.filter((id) => ids.includes(id)) : ids);
  if (bizRegNo) narrow((await companiesByBizRegNo(ctx.db, bizRegNo, {})).map((h) => h.id));
  if (q.q?.trim()) narrow((await companiesByName(ctx.db, q.q, {}, 50)).map((h) => h.id));
  const rows =
    companyIds && companyIds.length === 0
      ? []
      : await searchConsultations(ctx.db, {
          companyIds,
          callerNumber: phone,
          category: q.category,
          counselorId: q.counselorId,
          limit: q.limit,
          from: q.from ? seoulDay(q.from).start : undefined,
          // `to` is inclusive: up to the end of that day.
          to: q.to ? seoulDay(q.to).end : undefined,
        });
  await writeAudit(ctx.readAuditDb, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action: 'consultation.search',
    subjectType: 'consultations',
    subjectId: null,
    details: { ...q, phone: phone ? maskPhone(phone) : undefined, returned: rows.length },
    at: ctx.now(),
  });
  return rows.map((r) => ({ ...r, callerNumber: maskPhone(r.callerNumber) }));
}
