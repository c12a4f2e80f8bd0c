import { z } from 'zod';
import { calendarDay } from '../../vocabulary/time';
import { AgentStateChangeBatch, AgentStateChangeIngestResult } from '../agentStateChanges';
import { CallEventBatch, CallEventIngestResult } from '../callEvents';
import { HealthReport } from '../health';
import { ImportReport } from '../imports';
import { AgentRoster, DayStats, IvrDropoutReport } from '../stats';
import { route, type RouteSpec } from '../route';
import { SupervisorActionAuditResult, SupervisorActionAuditV1 } from '../../events/supervision';

/** Imports, statistics, telephony's call events and health. */
export const OPERATION_ROUTES = {
  /* ---------- imports (CSV bodies, UTF-8 or CP949) ---------- */
  importCompanies: route({
    method: 'POST',
    path: '/api/imports/companies',
    tag: 'imports',
    summary: 'Import companies from CSV',
    roles: ['admin'],
    body: z.string(),
    bodyType: 'csv',
    response: ImportReport,
  }),
  importSupportHistory: route({
    method: 'POST',
    path: '/api/imports/support-history',
    tag: 'imports',
    summary: 'Import support history from CSV',
    roles: ['admin'],
    body: z.string(),
    bodyType: 'csv',
    response: ImportReport,
  }),

  /* ---------- statistics and the floor ---------- */
  todayStats: route({
    method: 'GET',
    path: '/api/stats/today',
    tag: 'stats',
    summary: "Today's per-queue statistics",
    roles: ['supervisor', 'admin', 'service'],
    serviceToken: true,
    response: DayStats,
  }),
  agents: route({
    method: 'GET',
    path: '/api/agents',
    tag: 'stats',
    summary: 'The agent roster',
    roles: ['supervisor', 'admin', 'service'],
    response: AgentRoster,
  }),
  ivrDropout: route({
    method: 'GET',
    path: '/api/stats/ivr-dropout',
    tag: 'stats',
    summary: 'Where callers left the IVR on a day',
    roles: ['supervisor', 'admin'],
    query: z.object({ date: calendarDay('날짜는 YYYY-MM-DD 형식입니다') }),
    response: IvrDropoutReport,
  }),

  /* ---------- telephony's call events ---------- */
  callEvents: route({
    method: 'POST',
    path: '/api/internal/call-events',
    tag: 'internal',
    summary: "telephony's call events (a re-sent event is stored once)",
    roles: ['service'],
    serviceToken: true,
    body: CallEventBatch,
    response: CallEventIngestResult,
  }),

  agentStateChanges: route({
    method: 'POST',
    path: '/api/internal/agent-state-changes',
    tag: 'internal',
    summary: "telephony's agent state changes, for staffed time and occupancy (a re-sent change is stored once)",
    roles: ['service'],
    serviceToken: true,
    body: AgentStateChangeBatch,
    response: AgentStateChangeIngestResult,
  }),

  supervisorAction: route({
    method: 'POST',
    path: '/api/internal/supervisor-actions',
    tag: 'internal',
    summary: "A supervisor's action on a counselor, from telephony: audited; a skills change is stored on the user",
    roles: ['service'],
    serviceToken: true,
    body: SupervisorActionAuditV1,
    response: SupervisorActionAuditResult,
  }),

  /* ---------- health ---------- */
  health: route({
    method: 'GET',
    path: '/health',
    tag: 'health',
    summary: 'Up, and the database answers',
    roles: 'public',
    response: z.object({ ok: z.literal(true) }),
  }),
  healthLive: route({
    method: 'GET',
    path: '/health/live',
    tag: 'health',
    summary: 'Liveness: the process answers (no dependency is touched)',
    roles: 'public',
    response: HealthReport,
  }),
  healthReady: route({
    method: 'GET',
    path: '/health/ready',
    tag: 'health',
    summary: 'Readiness: PostgreSQL and Redis, each named; 503 while one is down',
    roles: 'public',
    response: HealthReport,
  }),
} as const satisfies Record<string, RouteSpec>;
