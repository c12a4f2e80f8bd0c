import { describe, expect, it } from 'vitest';
import { CRM_ROUTES, SERVICE_ROUTES, pathOf, queryStringOf, serviceMayCall } from '../src/index';

describe('the crm-api route table', () => {
  it('names each method and path once', () => {
    const keys = Object.values(CRM_ROUTES).map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("lets telephony's service token reach exactly what telephony calls", () => {
    const allowed = [
      ['GET', '/api/callers/0212345678/pop'],
      ['GET', '/api/callers//pop'],
      ['GET', '/api/callers/pop'],
      ['GET', '/api/stats/today'],
      ['POST', '/api/internal/call-events'],
      ['POST', '/api/internal/sessions/check'],
      ['POST', '/api/internal/supervisor-actions'],
      ['POST', '/api/internal/agent-state-changes'],
      ['POST', '/api/callbacks'],
      ['POST', '/api/ivr/sms'],
      ['POST', '/api/sms/opt-outs'],
      ['POST', '/api/relays'],
      // A counselor's relay: the partner's number and whether it is open now.
      ['GET', '/api/partners'],
      ['GET', '/api/me'],
      // An outbound call's callbackId: one callback's number and status.
      ['GET', '/api/internal/callbacks/12'],
    ];
    for (const [method, path] of allowed) expect(serviceMayCall(method!, path!), `${method} ${path}`).toBe(true);
    for (const [method, path] of [
      ['GET', '/api/companies/1'],
      ['GET', '/api/search/companies'],
      ['PATCH', '/api/callbacks/1'],
      ['POST', '/api/callbacks/1/actions'],
      ['GET', '/api/callbacks'],
      ['GET', '/api/callers/1/pop/x'],
      ['GET', '/api/consultations'],
    ]) {
      expect(serviceMayCall(method!, path!), `${method} ${path}`).toBe(false);
    }
    expect(SERVICE_ROUTES.length).toBe(15); // thirteen routes, and the withheld pop's two spellings
  });

  it('fills path parameters (URI-encoded; an empty one is an empty segment) and drops empty query values', () => {
    expect(pathOf(CRM_ROUTES.callerPop, { number: '02 1234' })).toBe('/api/callers/02%201234/pop');
    expect(pathOf(CRM_ROUTES.callerPop, { number: null })).toBe('/api/callers//pop');
    expect(queryStringOf({ a: 'x y', b: '', c: undefined, d: 3 })).toBe('?a=x+y&d=3');
  });
});
