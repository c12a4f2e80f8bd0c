import { z } from 'zod';
import { calendarDay } from '../vocabulary/time';
import { KpiFigure } from './reports';

/**
 * A counselor's own day (issue 16, GET /api/me/day): the signed-in user's figures and calls on
 * one Asia/Seoul day — never anyone else's. Figures are the per-agent KPI report's (formula ids
 * from KPI_FORMULAS), so the desk and the supervisor's report cannot disagree.
 */

/** How far back a counselor may look (days before today, Asia/Seoul). */
export const MY_DAY_MAX_DAYS_BACK = 366;
/** The call list is bounded: the newest this many calls of the day. */
export const MY_DAY_MAX_CALLS = 200;

export const MyDayQuery = z.object({
  /** YYYY-MM-DD in Asia/Seoul; absent = today. */
  date: calendarDay('날짜는 YYYY-MM-DD 형식입니다').optional(),
});
export type MyDayQuery = z.infer<typeof MyDayQuery>;

/**
 * The call from the counselor's side: `answered` (connected to them), `transferred` (they
 * connected and passed it on), `missed` (it rang them and they did not answer), `callerLeft`
 * (the caller hung up while it rang them), `outboundAnswered` / `outboundNotAnswered` (a call
 * they placed from the desk), `inProgress` (not over yet).
 */
export const MY_CALL_OUTCOMES = [
  'answered',
  'transferred',
  'missed',
  'callerLeft',
  'outboundAnswered',
  'outboundNotAnswered',
  'inProgress',
] as const;
export const MyCallOutcome = z.enum(MY_CALL_OUTCOMES);
export type MyCallOutcome = z.infer<typeof MyCallOutcome>;

export const MyDayCall = z.object({
  callId: z.string(),
  /** When the call first reached the counselor (their ring, their connect or their dial). */
  at: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  /** Masked as in every list ("010-****-5678"); null = withheld. */
  callerNumber: z.string().nullable(),
  companyId: z.string().nullable(),
  companyName: z.string().nullable(),
  queue: z.string().nullable(),
  /** Talk (hold included) of the counselor's handling(s) of this call, seconds; 0 when they never talked. */
  talkSeconds: z.number(),
  /** Talk + hold + wrap-up (the AHT formula's numerator for this call), seconds. */
  handleSeconds: z.number(),
  outcome: MyCallOutcome,
  /** Rings of this call the counselor let go unanswered. */
  missedRings: z.number().int(),
  /** A consultation the counselor wrote for this call (its id), or null. */
  consultationId: z.string().nullable(),
  recordingName: z.string().nullable(),
});
export type MyDayCall = z.infer<typeof MyDayCall>;

export const MyDay = z.object({
  date: z.string(),
  /** The signed-in user's agent id; null for a user who takes no calls (figures are then 0). */
  agentId: z.string().nullable(),
  figures: z.object({
    /** Queued calls connected to the counselor (answered.v1, per agent). */
    answered: KpiFigure,
    /** Calls they placed from the desk (outbound.v1). */
    outbound: KpiFigure,
    outboundAnswered: KpiFigure,
    /** Rings offered to them (offered.v1, per agent). */
    offered: KpiFigure,
    /** Rings they let go unanswered (count of agent.noAnswer). */
    missed: KpiFigure,
    /** Handlings that ended, the AHT denominator. */
    handled: KpiFigure,
    /** Σ talk + hold + wrap-up of those handlings, seconds (the AHT numerator). */
    handleSeconds: KpiFigure,
    /** Average handle time (aht.v1). */
    ahtSeconds: KpiFigure,
    transfers: KpiFigure,
    /** Consultations the user saved that day (any call or none). */
    consultations: KpiFigure,
  }),
  /** Newest first, at most MY_DAY_MAX_CALLS. */
  calls: z.array(MyDayCall),
  /** True when the day had more calls than the list holds. */
  truncated: z.boolean(),
});
export type MyDay = z.infer<typeof MyDay>;
