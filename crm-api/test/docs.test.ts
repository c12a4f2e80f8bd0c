import { CRM_ROUTES, createCrmClient, type RouteSpec } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCrm, tokenFor, type TestCrm } from './support/server';

describe('the route table served: /api/docs and the typed client', () => {
  let crm: TestCrm;
  beforeAll(async () => {
    crm = await startTestCrm();
  });
  afterAll(async () => {
    await crm?.close();
  });

  it('describes every route of CRM_ROUTES in the OpenAPI document, with its schemas as named components', async () => {
    const res = await fetch(`${crm.api.url}/api/docs/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const [name, spec] of Object.entries(CRM_ROUTES) as [string, RouteSpec][]) {
      const path = spec.path.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(doc.paths[path]?.[spec.method.toLowerCase()]?.operationId, `${spec.method} ${spec.path}`).toBe(name);
    }
    expect(doc.components.schemas).toHaveProperty('CallerPop');
    expect(doc.components.schemas).toHaveProperty('IsoInstant');
  });

  it('serves a human page that loads only its own scripts', async () => {
    const page = await fetch(`${crm.api.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('/api/docs/init.js');
    for (const asset of [
      '/api/docs/assets/swagger-ui-bundle.js',
      '/api/docs/assets/swagger-ui.css',
      '/api/docs/init.js',
    ]) {
      expect((await fetch(`${crm.api.url}${asset}`)).status, asset).toBe(200);
    }
  });

  it('the typed client calls the real server: data on success, the server’s error otherwise, never a throw', async () => {
    const token = await tokenFor('counselor');
    const client = createCrmClient({ baseUrl: crm.api.url, token: () => token });
    const pop = await client.call('callerPop', { params: { number: '0299998888' } });
    expect(pop).toMatchObject({ ok: true, status: 200, data: { status: 'new', number: expect.any(String) } });
    const withheld = await client.call('callerPop', { params: { number: '' } });
    expect(withheld).toMatchObject({ ok: true, data: { status: 'withheld' } });
    const bad = await client.call('company', { params: { id: 'x' } });
    expect(bad).toMatchObject({ ok: false, status: 400, code: 'BAD_REQUEST', fields: [{ path: 'id' }] });
    const forbidden = await client.call('loginLocks');
    expect(forbidden).toMatchObject({ ok: false, status: 403, code: 'FORBIDDEN' });
    const down = await createCrmClient({ baseUrl: 'http://127.0.0.1:1', token: () => token }).call('todayStats');
    expect(down).toMatchObject({ ok: false, status: null, code: 'UNAVAILABLE' });
  });
});
