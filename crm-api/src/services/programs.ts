import type {
  CompanyDetail,
  ProgramCalendar,
  ProgramDto,
  RecommendationList,
  SupportHistorySummary,
} from '@cc1357/contracts';
import { calendarRange, calendarWeeks } from '../domain/calendar';
import { AppError } from '../errors';
import { companyById, contactsOfCompany } from '../repositories/companies';
import { insightReads } from '../repositories/pop';
import { listPrograms, programsOpeningBetween, type ProgramFilter } from '../repositories/programs';
import type { Actor, ServiceContext } from './context';
import { seoulDate } from '../domain/seoulDay';
import { insightFrom, summarize } from './support';
import { answeredRelaysOfCompany } from '../repositories/relays';

export async function programCatalogueOf(ctx: ServiceContext, f: ProgramFilter): Promise<ProgramDto[]> {
  return listPrograms(ctx.db, f);
}

export async function policyCalendar(
  ctx: ServiceContext,
  from: string | undefined,
  weeks: number,
): Promise<ProgramCalendar> {
  const start = from ?? seoulDate(ctx.now());
  const range = calendarRange(start, weeks);
  const programs = await programsOpeningBetween(ctx.db, range.start, range.end);
  return { from: start, weeks, byWeek: calendarWeeks(start, weeks, programs) };
}

const notFound = () => new AppError('NOT_FOUND', '기업을 찾을 수 없습니다');

/**
 * A company's support items and cohort with the audit row of the read, in one statement
 * (read-access audit: asynchronous commit, see ServiceContext.readAuditDb). An unknown company is
 * a 404 that wrote no row.
 */
async function auditedInsightReads(ctx: ServiceContext, actor: Actor, companyId: string, action: string) {
  if (!/^\d{1,18}$/.test(companyId)) throw notFound();
  const now = ctx.now();
  const today = seoulDate(now);
  const r = await insightReads(ctx.readAuditDb, companyId, today, {
    at: now,
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action,
  });
  if (!r.cohort) throw notFound();
  return { items: r.items, cohort: r.cohort, today };
}

/** The single-record company view: full personal data, audited. */
export async function companyDetail(ctx: ServiceContext, actor: Actor, companyId: string): Promise<CompanyDetail> {
  const [company, contacts, r, relayOutcomes] = await Promise.all([
    companyById(ctx.db, companyId),
    contactsOfCompany(ctx.db, companyId),
    auditedInsightReads(ctx, actor, companyId, 'company.read'),
    answeredRelaysOfCompany(ctx.db, companyId, 20),
  ]);
  if (!company) throw notFound();
  return { company, contacts, supportHistory: summarize(r.items, r.cohort, r.today), relayOutcomes };
}

export async function companySupportHistory(
  ctx: ServiceContext,
  actor: Actor,
  companyId: string,
): Promise<SupportHistorySummary> {
  const r = await auditedInsightReads(ctx, actor, companyId, 'company.supportHistory');
  return summarize(r.items, r.cohort, r.today);
}

export async function companyRecommendations(
  ctx: ServiceContext,
  actor: Actor,
  companyId: string,
): Promise<RecommendationList> {
  const [r, programs] = await Promise.all([
    auditedInsightReads(ctx, actor, companyId, 'company.recommendations'),
    ctx.catalogue.notClosedBy(ctx.db, seoulDate(ctx.now())),
  ]);
  const insight = insightFrom(r.items, r.cohort, programs, r.today);
  if (!insight) throw notFound();
  return { companyId, asOf: r.today, recommendations: insight.recommendations };
}
