import { KpiReport, type CallEventV1 } from '@cc1357/contracts';
import { expect } from 'vitest';
import { call, type TestCrm } from './server';

/** Telephony's post of call events (a service token); fails the test unless crm-api stores them. */
export async function ingestCallEvents(crm: TestCrm, token: string, events: readonly CallEventV1[]): Promise<void> {
  const res = await call(crm, 'POST', '/api/internal/call-events', { token, body: { events } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** `GET /api/reports/kpi?<qs>` as a supervisor, parsed by the contract. */
export async function kpiReportOf(crm: TestCrm, token: string, qs: string): Promise<KpiReport> {
  const res = await call(crm, 'GET', `/api/reports/kpi?${qs}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return KpiReport.parse(res.body);
}
