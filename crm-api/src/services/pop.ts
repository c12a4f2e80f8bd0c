import { isValidBizRegNo, normalizeBizRegNo, type CallerPop } from '@cc1357/contracts';
import { parseCallerNumber } from '../domain/phone';
import { AppError } from '../errors';
import { popHistory, popMain } from '../repositories/pop';
import { seoulDate } from '../domain/seoulDay';
import { insightFrom } from './support';
import type { Actor, ServiceContext } from './context';

/** The screen pop: number (and a 사업자등록번호 from the IVR or the counselor) → contacts → companies → everything about them. */
export async function callerPop(
  ctx: ServiceContext,
  actor: Actor,
  rawNumber: string | null,
  rawBizRegNo?: string,
  callId?: string,
): Promise<CallerPop> {
  const parsed = parseCallerNumber(rawNumber);
  if (parsed.kind === 'invalid') {
    throw new AppError('BAD_REQUEST', '전화번호를 확인하세요', [{ path: 'number', message: parsed.reason }]);
  }
  let bizRegNo: string | null = null;
  if (rawBizRegNo !== undefined && rawBizRegNo !== '') {
    bizRegNo = normalizeBizRegNo(rawBizRegNo);
    if (!isValidBizRegNo(bizRegNo)) {
      throw new AppError('BAD_REQUEST', '사업자등록번호를 확인하세요', [
        { path: 'bizRegNo', message: '유효한 사업자등록번호가 아닙니다' },
      ]);
    }
  }

  const number = parsed.kind === 'number' ? parsed.number : null;
  const now = ctx.now();
  const today = seoulDate(now);

  // Two statements side by side (the pop is round-trip bound, and at national scale its dozen
  // cold page reads are split between them). Each decides who the caller is
  // from the number and the 사업자등록번호 in SQL: one company is `known`, several `ambiguous`
  // (the counselor chooses; the 사업자등록번호 picks one), none `new` (a first-time caller, not
  // an error), no number `withheld`. popMain writes the audit row in the same statement, so no
  // pop is served without it; its commit is asynchronous (readAuditDb, docs/decisions/0005).
  const main = popMain(ctx.readAuditDb, {
    number,
    bizRegNo,
    callId: callId ?? null,
    audit: { at: now, actorId: actor.sub, actorName: actor.username, actorRole: actor.role },
  });
  const history = popHistory(ctx.readAuditDb, { number, bizRegNo, day: today });
  const catalogue = ctx.catalogue.notClosedBy(ctx.db, today);
  // Handled here so a failing read cannot leave the others unobserved; all awaited (and rethrown) below.
  for (const p of [main, history, catalogue]) p.catch(() => undefined);
  const m = await main;
  const { recent, insight: reads } = await history;
  const programs = await catalogue;
  const insight = reads ? insightFrom(reads.items, reads.cohort, programs, today) : null;
  const { status, ivrPath } = m;

  ctx.log.debug({ number, status, companies: m.companies.length }, 'caller pop');
  const pop: CallerPop = { status, number, companies: m.companies, contact: m.contact, recentConsultations: recent };
  // A withheld caller with no key has nothing more to show (and keeps the original shape).
  if (status === 'withheld') return ivrPath ? { ...pop, ivrPath } : pop;
  return {
    ...pop,
    contacts: m.contacts,
    ...(insight ? { supportHistory: insight.supportHistory, recommendations: insight.recommendations } : {}),
    openItems: { followUps: m.followUps, callbacks: m.callbacks, relays: m.relays },
    relayOutcomes: m.relayOutcomes,
    ...(ivrPath ? { ivrPath } : {}),
  };
}
