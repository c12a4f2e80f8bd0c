import type {
  IvrDropoutReport,
  IvrSmsRequest,
  IvrSmsTopic,
  ProgramDto,
  SendSmsRequest,
  SmsMessageDto,
} from '@cc1357/contracts';
import { ivrDropoutOf } from '../domain/ivrDropout';
import { parseCallerNumber } from '../domain/phone';
import { seoulDate, seoulDay } from '../domain/seoulDay';
import { AppError } from '../errors';
import { ivrEventsOfCallsIn } from '../repositories/ivrEvents';
import type { Actor, ServiceContext } from './context';
import { sendSms } from './sms';

/** IVR drop-out for one Seoul day (see domain/ivrDropout.ts for what counts). */
export async function ivrDropout(ctx: ServiceContext, date: string): Promise<IvrDropoutReport> {
  const window = seoulDay(date);
  return ivrDropoutOf(date, window, await ivrEventsOfCallsIn(ctx.db, window.start, window.end));
}

const TOPIC_CATEGORY: Record<Exclude<IvrSmsTopic, 'policy-calendar'>, ProgramDto['category']> = {
  'fund-notices': 'finance',
  'startup-programs': 'startup',
};
const MAX_PROGRAMS = 5;

/** Programs of the topic open today, else the next ones to open; empty when the catalogue has none. */
async function programsOfTopic(
  ctx: ServiceContext,
  category: ProgramDto['category'],
  today: string,
): Promise<ProgramDto[]> {
  // The day's catalogue (not yet closed, by opening day) that pops share.
  const ofTopic = (await ctx.catalogue.notClosedBy(ctx.db, today)).filter((p) => p.category === category);
  const open = ofTopic.filter((p) => p.opensOn <= today);
  return (open.length > 0 ? open : ofTopic).slice(0, MAX_PROGRAMS);
}

/**
 * SMS self-service from the IVR (telephony's service token): the topic's program information
 * to a mobile number. A landline or withheld number is a 400 naming `number` (the IVR plays its
 * apology); an opted-out number is sendSms's 409.
 */
export async function ivrSms(
  ctx: ServiceContext,
  actor: Actor,
  req: IvrSmsRequest,
): Promise<{ created: boolean; message: SmsMessageDto }> {
  const parsed = parseCallerNumber(req.number);
  if (parsed.kind !== 'number' || parsed.phoneKind !== 'mobile') {
    throw new AppError('BAD_REQUEST', '문자를 받을 휴대전화 번호가 아닙니다', [
      { path: 'number', message: '휴대전화 번호(010…)가 필요합니다' },
    ]);
  }
  const today = seoulDate(ctx.now());
  const base = { idempotencyKey: req.idempotencyKey, callerNumber: parsed.number };
  let sms: SendSmsRequest = { ...base, template: 'calendar', from: today, weeks: 4 };
  if (req.topic !== 'policy-calendar') {
    const programs = await programsOfTopic(ctx, TOPIC_CATEGORY[req.topic], today);
    // No program of that field in the catalogue: the policy calendar is still useful information.
    if (programs.length > 0) sms = { ...base, template: 'programs', programIds: programs.map((p) => p.id) };
  }
  return sendSms(ctx, actor, sms);
}
