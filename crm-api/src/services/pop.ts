import { isValidBizRegNo, normalizeBizRegNo, type CallerPop, type CompanySummary } from '@cc1357/contracts';
import { parseCallerNumber } from '../domain/phone';
import { AppError } from '../errors';
import { writeAudit } from '../repositories/audit';
import { openCallbacksOf } from '../repositories/callbacks';
import { ivrPathOfCall } from '../repositories/callEvents';
import { companiesByIds, companyByBizRegNo, contactById, contactsOfCompany, ownersOfNumber } from '../repositories/companies';
import { listConsultations, openFollowUpsOf } from '../repositories/consultations';
import { openRelaysOf } from '../repositories/relays';
import { companyInsight } from './support';
import type { Actor, ServiceContext } from './context';

const RECENT = 5;

/**
 * The screen pop: number → contact phones → contacts → companies. One company is `known`,
 * several `ambiguous` (the counselor chooses; a 사업자등록번호 from the IVR or the counselor
 * narrows it), none `new` (a first-time caller, not an error), no number `withheld`.
 */
export async function callerPop(ctx: ServiceContext, actor: Actor, rawNumber: string | null, rawBizRegNo?: string, callId?: string): Promise<CallerPop> {
  const parsed = parseCallerNumber(rawNumber);
  if (parsed.kind === 'invalid') {
    throw new AppError('BAD_REQUEST', '전화번호를 확인하세요', [{ path: 'number', message: parsed.reason }]);
  }
  let bizRegNo: string | null = null;
  if (rawBizRegNo !== undefined && rawBizRegNo !== '') {
    bizRegNo = normalizeBizRegNo(rawBizRegNo);
    if (!isValidBizRegNo(bizRegNo)) {
      throw new AppError('BAD_REQUEST', '사업자등록번호를 확인하세요', [{ path: 'bizRegNo', message: '유효한 사업자등록번호가 아닙니다' }]);
    }
  }

  const number = parsed.kind === 'number' ? parsed.number : null;
  const owners = number ? await ownersOfNumber(ctx.db, number) : [];
  const companyIds = [...new Set(owners.map((o) => o.companyId).filter((id): id is string => id !== null))];
  let companies: CompanySummary[] = await companiesByIds(ctx.db, companyIds);

  // A 사업자등록번호 picks one company: among the number's companies, or directly.
  if (bizRegNo) {
    const chosen = companies.find((c) => c.bizRegNo === bizRegNo) ?? (await companyByBizRegNo(ctx.db, bizRegNo));
    if (chosen) companies = [chosen];
  }

  let status: CallerPop['status'];
  if (!number && companies.length === 0) status = 'withheld';
  else if (companies.length === 1) status = 'known';
  else if (companies.length > 1) status = 'ambiguous';
  else status = 'new';

  // The contact: the one behind the number that belongs to the company shown (or the only one).
  const contactIds = [...new Set(owners.filter((o) => status !== 'known' || o.companyId === companies[0]!.id).map((o) => o.contactId))];
  const companyId = status === 'known' ? companies[0]!.id : null;
  const now = ctx.now();

  // Written alongside the reads: its commit (an fsync) need not wait for them.
  const audited = writeAudit(ctx.db, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action: 'caller.pop',
    subjectType: 'caller',
    subjectId: number,
    details: { status, companyIds: companies.map((c) => c.id), ...(bizRegNo ? { bizRegNo } : {}) },
    at: now,
  });

  // Handled here so a failing read cannot leave it unobserved; awaited (and rethrown) below.
  audited.catch(() => undefined);
  // Independent indexed reads, in parallel: the pop must be ready before an agent is.
  const [contact, recentConsultations, contacts, insight, followUps, callbacks, relays, ivrPath] = await Promise.all([
    contactIds.length === 1 ? contactById(ctx.db, contactIds[0]!) : Promise.resolve(null),
    companyId
      ? listConsultations(ctx.db, { companyId, limit: RECENT })
      : number
        ? listConsultations(ctx.db, { callerNumber: number, limit: RECENT })
        : Promise.resolve([]),
    companyId
      ? contactsOfCompany(ctx.db, companyId)
      : Promise.all(contactIds.slice(0, 10).map((id) => contactById(ctx.db, id))).then((cs) => cs.filter((c) => c !== null)),
    companyId ? companyInsight(ctx.db, companyId, now) : Promise.resolve(null),
    openFollowUpsOf(ctx.db, companyId, number),
    openCallbacksOf(ctx.db, companyId, number),
    openRelaysOf(ctx.db, companyId, number),
    callId ? ivrPathOfCall(ctx.db, callId) : Promise.resolve(null),
  ]);

  await audited;
  ctx.log.debug({ number, status, companies: companies.length }, 'caller pop');
  const pop: CallerPop = { status, number, companies, contact, recentConsultations };
  // A withheld caller with no key has nothing more to show (and keeps the original shape).
  if (status === 'withheld') return ivrPath ? { ...pop, ivrPath } : pop;
  return {
    ...pop,
    contacts,
    ...(insight ? { supportHistory: insight.supportHistory, recommendations: insight.recommendations } : {}),
    openItems: { followUps, callbacks, relays },
    ...(ivrPath ? { ivrPath } : {}),
  };
}
