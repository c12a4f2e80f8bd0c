import type { CompanyDetail, ProgramCalendar, ProgramDto, RecommendationList, SupportHistorySummary } from '@cc1357/contracts';
import { calendarRange, calendarWeeks } from '../domain/calendar';
import { AppError } from '../errors';
import { writeAudit } from '../repositories/audit';
import { companyById, contactsOfCompany } from '../repositories/companies';
import { insightReads } from '../repositories/pop';
import { listPrograms, programsOpeningBetween, type ProgramFilter } from '../repositories/programs';
import type { Actor, ServiceContext } from './context';
import { companyInsight, insightFrom, seoulDate } from './support';

export async function programCatalogueOf(ctx: ServiceContext, f: ProgramFilter): Promise<ProgramDto[]> {
  return listPrograms(ctx.db, f);
}

export async function policyCalendar(ctx: ServiceContext, from: string | undefined, weeks: number): Promise<ProgramCalendar> {
  const start = from ?? seoulDate(ctx.now());
  const range = calendarRange(start, weeks);
  const programs = await programsOpeningBetween(ctx.db, range.start, range.end);
  return { from: start, weeks, byWeek: calendarWeeks(start, weeks, programs) };
}

/** Read-access audit (these are reads): committed asynchronously, see ServiceContext.readAuditDb. */
const audit = (ctx: ServiceContext, actor: Actor, action: string, companyId: string) =>
  writeAudit(ctx.readAuditDb, { actorId: actor.sub, actorName: actor.username, actorRole: actor.role, action, subjectType: 'company', subjectId: companyId, at: ctx.now() });

async function insightOrThrow(ctx: ServiceContext, companyId: string) {
  const insight = /^\d{1,18}$/.test(companyId) ? await companyInsight(ctx.db, companyId, ctx.now(), ctx.catalogue) : null;
  if (!insight) throw new AppError('NOT_FOUND', '기업을 찾을 수 없습니다');
  return insight;
}

/** The single-record company view: full personal data, audited. */
export async function companyDetail(ctx: ServiceContext, actor: Actor, companyId: string): Promise<CompanyDetail> {
  const company = await companyById(ctx.db, companyId);
  if (!company) throw new AppError('NOT_FOUND', '기업을 찾을 수 없습니다');
  const [contacts, insight] = await Promise.all([contactsOfCompany(ctx.db, companyId), insightOrThrow(ctx, companyId)]);
  await audit(ctx, actor, 'company.read', companyId);
  return { company, contacts, supportHistory: insight.supportHistory };
}

export async function companySupportHistory(ctx: ServiceContext, actor: Actor, companyId: string): Promise<SupportHistorySummary> {
  const insight = await insightOrThrow(ctx, companyId);
  await audit(ctx, actor, 'company.supportHistory', companyId);
  return insight.supportHistory;
}

export async function companyRecommendations(ctx: ServiceContext, actor: Actor, companyId: string): Promise<RecommendationList> {
  if (!/^\d{1,18}$/.test(companyId)) throw new AppError('NOT_FOUND', '기업을 찾을 수 없습니다');
  const now = ctx.now();
  const today = seoulDate(now);
  // The reads and the audit row in one statement (audited only when the company exists).
  const [r, programs] = await Promise.all([
    insightReads(ctx.readAuditDb, companyId, today, { at: now, actorId: actor.sub, actorName: actor.username, actorRole: actor.role, action: 'company.recommendations' }),
    ctx.catalogue.notClosedBy(ctx.db, today),
  ]);
  const insight = insightFrom(r.items, r.cohort, programs, today);
  if (!insight) throw new AppError('NOT_FOUND', '기업을 찾을 수 없습니다');
  return { companyId, asOf: today, recommendations: insight.recommendations };
}
