import { z } from 'zod';
import { CategoryCode } from '../../vocabulary/center';
import { ProgramCalendar, ProgramDto, ProgramLevel } from '../programs';
import { IvrSmsRequest, SendSmsRequest, SmsMessageDto, SmsOptOutRequest } from '../sms';
import { PEOPLE, PEOPLE_AND_TELEPHONY, Day } from './shared';
import { route, type RouteSpec } from '../route';

/** Support programs and SMS to callers. */
export const PROGRAM_ROUTES = {
  /* ---------- programs ---------- */
  programs: route({
    method: 'GET',
    path: '/api/programs',
    tag: 'programs',
    summary: 'The program catalogue',
    roles: ['counselor', 'supervisor', 'admin', 'service', 'partner'],
    query: z.object({ category: CategoryCode.optional(), level: ProgramLevel.optional(), openOn: Day.optional() }),
    response: z.array(ProgramDto),
  }),
  calendar: route({
    method: 'GET',
    path: '/api/programs/calendar',
    tag: 'programs',
    summary: 'Programs opening week by week',
    roles: ['counselor', 'supervisor', 'admin', 'service', 'partner'],
    query: z.object({ from: Day.optional(), weeks: z.coerce.number().int().min(1).max(26).default(4) }),
    response: ProgramCalendar,
  }),

  /* ---------- SMS ---------- */
  sendSms: route({
    method: 'POST',
    path: '/api/sms',
    tag: 'sms',
    summary: 'Send an SMS (idempotent by key)',
    roles: PEOPLE,
    body: SendSmsRequest,
    response: SmsMessageDto,
    created: true,
  }),
  smsHistory: route({
    method: 'GET',
    path: '/api/sms',
    tag: 'sms',
    summary: 'SMS sent to a number',
    roles: PEOPLE_AND_TELEPHONY,
    query: z.object({
      callerNumber: z.string().min(1).max(32),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
    response: z.array(SmsMessageDto),
  }),
  smsOptOut: route({
    method: 'POST',
    path: '/api/sms/opt-outs',
    tag: 'sms',
    summary: 'A caller opts out of SMS (counselor or IVR)',
    roles: PEOPLE_AND_TELEPHONY,
    serviceToken: true,
    body: SmsOptOutRequest,
    response: null,
  }),
  smsOptIn: route({
    method: 'DELETE',
    path: '/api/sms/opt-outs/:number',
    tag: 'sms',
    summary: 'Lift an SMS opt-out',
    roles: ['admin'],
    params: z.object({ number: z.string() }),
    response: null,
  }),
  ivrSms: route({
    method: 'POST',
    path: '/api/ivr/sms',
    tag: 'internal',
    summary: 'IVR SMS self-service (400 on `number`: not a mobile; 409: opted out)',
    roles: ['service'],
    serviceToken: true,
    body: IvrSmsRequest,
    response: SmsMessageDto,
    created: true,
  }),
} as const satisfies Record<string, RouteSpec>;
