import { z } from 'zod';
import { PartnerId } from '../../vocabulary/center';
import {
  CallbackActionRequest,
  CallbackDto,
  CallbackStatus,
  CreateCallbackRequest,
  UpdateCallbackRequest,
} from '../callbacks';
import {
  PartnerCenterDto,
  PartnerOutcomeReceipt,
  PartnerOutcomeRequest,
  PartnerRelayReceipt,
  PartnerRelayRequest,
} from '../../partners/relayPackage';
import {
  CreateRelayRequest,
  RELAY_STATS_MAX_DAYS,
  RelayDayStats,
  RelayDto,
  RelayOutcomeRequest,
  RelayStatus,
} from '../relays';
import { calendarDay } from '../../vocabulary/time';
import { PEOPLE_AND_TELEPHONY, dbId } from './shared';
import { route, type RouteSpec } from '../route';

/** Callbacks, relays to partner centers and what partners post back. */
export const RELAY_ROUTES = {
  /* ---------- callbacks ---------- */
  createCallback: route({
    method: 'POST',
    path: '/api/callbacks',
    tag: 'callbacks',
    summary: 'Book a callback (409: one is already open for the number)',
    roles: PEOPLE_AND_TELEPHONY,
    serviceToken: true,
    body: CreateCallbackRequest,
    response: CallbackDto,
    created: true,
  }),
  callbacks: route({
    method: 'GET',
    path: '/api/callbacks',
    tag: 'callbacks',
    summary: 'Callbacks',
    roles: PEOPLE_AND_TELEPHONY,
    query: z.object({
      status: CallbackStatus.optional(),
      number: z.string().max(32).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: z.array(CallbackDto),
  }),
  updateCallback: route({
    method: 'PATCH',
    path: '/api/callbacks/:id',
    tag: 'callbacks',
    summary: 'Change a callback (status, due time, note)',
    roles: PEOPLE_AND_TELEPHONY,
    params: dbId('콜백 ID는 숫자입니다'),
    body: UpdateCallbackRequest,
    response: CallbackDto,
  }),
  /** Telephony checks an outbound call's `callbackId`: the number and status of one callback, nothing else. */
  callbackForDial: route({
    method: 'GET',
    path: '/api/internal/callbacks/:id',
    tag: 'callbacks',
    summary: "One callback's number and status (telephony, for an outbound call's callbackId)",
    roles: ['service'],
    serviceToken: true,
    params: dbId('콜백 ID는 숫자입니다'),
    response: CallbackDto.pick({ id: true, number: true, status: true }),
  }),
  callbackAction: route({
    method: 'POST',
    path: '/api/callbacks/:id/actions',
    tag: 'callbacks',
    summary: 'Claim, dial, or set the outcome of a callback (409: not allowed in its state or owned by another)',
    roles: PEOPLE_AND_TELEPHONY,
    params: dbId('콜백 ID는 숫자입니다'),
    body: CallbackActionRequest,
    response: CallbackDto,
  }),

  /* ---------- relays ---------- */
  createRelay: route({
    method: 'POST',
    path: '/api/relays',
    tag: 'relays',
    summary: 'Relay a consultation to a partner center (idempotent by key)',
    roles: PEOPLE_AND_TELEPHONY,
    serviceToken: true,
    body: CreateRelayRequest,
    response: RelayDto,
    created: true,
  }),
  relays: route({
    method: 'GET',
    path: '/api/relays',
    tag: 'relays',
    summary: 'Relays (partners see their own)',
    roles: ['counselor', 'supervisor', 'admin', 'partner'],
    query: z.object({
      status: RelayStatus.optional(),
      partnerId: PartnerId.optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: z.array(RelayDto),
  }),
  relayDeadLetters: route({
    method: 'GET',
    path: '/api/relays/dead-letters',
    tag: 'relays',
    summary: 'Relay packages whose webhook delivery failed every attempt (newest first)',
    roles: ['supervisor', 'admin'],
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
    response: z.array(RelayDto),
  }),
  // Before /api/relays/:id, like the dead letters.
  relayStats: route({
    method: 'GET',
    path: '/api/relays/stats',
    tag: 'relays',
    summary:
      "A day's (or, with `to`, a period's) relays and the share that carried their context to the partner before it answered",
    roles: ['supervisor', 'admin'],
    query: z
      .object({
        date: calendarDay('날짜는 YYYY-MM-DD 형식입니다'),
        /** The last day of a period starting at `date` (both included; the 보고서 page's period). */
        to: calendarDay('종료일은 YYYY-MM-DD 형식입니다').optional(),
      })
      .superRefine((q, ctx) => {
        if (q.to === undefined) return;
        const days = (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.date}T00:00:00Z`)) / 86_400_000 + 1;
        if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: '종료일이 시작일보다 앞섭니다' });
        else if (days > RELAY_STATS_MAX_DAYS)
          ctx.addIssue({
            code: 'custom',
            path: ['to'],
            message: `이관 통계는 최대 ${RELAY_STATS_MAX_DAYS}일까지 조회할 수 있습니다`,
          });
      }),
    response: RelayDayStats,
  }),
  redeliverRelay: route({
    method: 'POST',
    path: '/api/relays/:id/redeliver',
    tag: 'relays',
    summary: "Send a dead relay package to the partner's system again",
    roles: ['supervisor', 'admin'],
    params: dbId('이관 ID는 숫자입니다'),
    response: RelayDto,
  }),
  relay: route({
    method: 'GET',
    path: '/api/relays/:id',
    tag: 'relays',
    summary: 'One relay',
    roles: ['counselor', 'supervisor', 'admin', 'partner'],
    params: dbId('이관 ID는 숫자입니다'),
    response: RelayDto,
  }),
  relayOutcome: route({
    method: 'POST',
    path: '/api/relays/:id/outcome',
    tag: 'relays',
    summary: "A partner's answer to a relay",
    roles: ['partner', 'admin'],
    params: dbId('이관 ID는 숫자입니다'),
    body: RelayOutcomeRequest,
    response: RelayDto,
  }),

  /* ---------- partner centers ---------- */
  partnerCenters: route({
    method: 'GET',
    path: '/api/partners',
    tag: 'partners',
    summary: 'The partner centers as configured, and whether each is open now',
    // service: telephony reads the number and hours before it dials a counselor's relay.
    roles: ['counselor', 'supervisor', 'admin', 'partner', 'service'],
    serviceToken: true,
    response: z.array(PartnerCenterDto),
  }),
  partnerOutcome: route({
    method: 'POST',
    path: '/api/partners/:partnerId/outcomes',
    tag: 'partners',
    summary:
      "A partner system's outcome of a relay, signed with its shared secret (X-1357-Timestamp / X-1357-Signature; 401 when either is wrong or older than 5 minutes)",
    roles: 'public',
    params: z.object({ partnerId: PartnerId }),
    body: PartnerOutcomeRequest,
    response: PartnerOutcomeReceipt,
  }),
  partnerRelay: route({
    method: 'POST',
    path: '/api/partners/:partnerId/relays',
    tag: 'partners',
    summary:
      "A partner system's relay to 1357, signed like its outcomes (201 stored, 200 when this deliveryId was already stored)",
    roles: 'public',
    params: z.object({ partnerId: PartnerId }),
    body: PartnerRelayRequest,
    response: PartnerRelayReceipt,
    created: true,
  }),
} as const satisfies Record<string, RouteSpec>;
