import { isValidBizRegNo, normalizeBizRegNo, type CallerPop, type CompanySummary } from '@cc1357/contracts';
import { parseCallerNumber } from '../domain/phone';
import { AppError } from '../errors';
import { insightReadsOnly, popDetails, popKeys } from '../repositories/pop';
import { insightFrom, seoulDate } from './support';
import type { Actor, ServiceContext } from './context';

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
  const keys = await popKeys(ctx.readAuditDb, number, bizRegNo);
  const owners = keys.owners;
  let companies: CompanySummary[] = keys.companies;

  // A 사업자등록번호 picks one company: among the number's companies, or directly.
  if (bizRegNo) {
    const chosen = companies.find((c) => c.bizRegNo === bizRegNo) ?? keys.byBizRegNo;
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
  const today = seoulDate(now);

  // Every other read and the audit row in one statement (the pop is round-trip bound): the
  // audit is committed with the read, so no pop is served without its audit row; the commit is
  // asynchronous (readAuditDb: it does not wait for a WAL flush, docs/decisions/0005). The company
  // insight (support items, cohort, catalogue) runs beside it on another connection: at national
  // scale both are a dozen cold page reads, and overlapping them halves the wait.
  const details = popDetails(ctx.readAuditDb, {
    companyId, number, contactIds, callId: callId ?? null,
    audit: {
      at: now, actorId: actor.sub, actorName: actor.username, actorRole: actor.role,
      details: { status, companyIds: companies.map((c) => c.id), ...(bizRegNo ? { bizRegNo } : {}) },
    },
  });
  const reads = companyId ? insightReadsOnly(ctx.readAuditDb, companyId, today) : null;
  // Handled here so a failing read cannot leave the other unobserved; both awaited (and rethrown) below.
  details.catch(() => undefined);
  reads?.catch(() => undefined);
  const d = await details;
  const r = reads ? await reads : null;
  const insight = r ? insightFrom(r.items, r.cohort, r.programs, today) : null;
  const ivrPath = d.ivrPath;

  ctx.log.debug({ number, status, companies: companies.length }, 'caller pop');
  const pop: CallerPop = { status, number, companies, contact: d.contact, recentConsultations: d.recent };
  // A withheld caller with no key has nothing more to show (and keeps the original shape).
  if (status === 'withheld') return ivrPath ? { ...pop, ivrPath } : pop;
  return {
    ...pop,
    contacts: d.contacts,
    ...(insight ? { supportHistory: insight.supportHistory, recommendations: insight.recommendations } : {}),
    openItems: { followUps: d.followUps, callbacks: d.callbacks, relays: d.relays },
    ...(ivrPath ? { ivrPath } : {}),
  };
}
