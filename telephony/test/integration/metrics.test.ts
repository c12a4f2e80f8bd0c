import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { telephonyReadiness } from '../../src/adapters/metrics/health';
import { type Center, reachQueue, simPbx, startCenter, until } from '../support/center';
import { closedPort, sample } from '../support/prometheus-text';

/** Metrics and health of a real telephony node (pbx-sim over real ARI, crm-api, Redis, PostgreSQL). */
describe('telephony metrics and health', () => {
  let center: Center | undefined;
  afterEach(async () => {
    await center?.close();
    center = undefined;
  });

  const scrape = async (url: string | null) => {
    const res = await fetch(url!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return res.text();
  };

  it('counts an offered, answered call: offers, outcome, queue wait, calls by state, ARI latency, consoles', async () => {
    center = await startCenter();
    const telephony = await center.startTelephony(undefined, { env: { METRICS_PORT: '0' } });
    expect(telephony.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    // Never on the public port (the console gateway's).
    expect((await fetch(`${telephony.url}/metrics`)).status).toBe(404);

    const before = await scrape(telephony.metricsUrl);
    expect(sample(before, 'cc1357_telephony_offers_total')).toBeUndefined();
    expect(sample(before, 'nodejs_eventloop_lag_seconds', { service: 'telephony' })).toBeGreaterThanOrEqual(0);
    expect(sample(before, 'cc1357_telephony_ari_connected')).toBe(1);
    expect(sample(before, 'cc1357_telephony_outbox_depth')).toBeGreaterThanOrEqual(0);

    const agent = await center.agentConsole('1001');
    await agent.stateBecomes('notReady');
    await center.pbx.setPhone('1001', 'manual');
    expect(await agent.command('agent.ready.v1', {})).toEqual({ ok: true });
    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const callId = await reachQueue(center, caller);
    const queue = (await center.state.getCall(callId))!.queue!;

    await agent.next('call.offered.v1');
    // The pop reaches the console first; the ring and the offer's event follow it.
    const ringing = await until(async () => {
      const text = await scrape(telephony.metricsUrl);
      return sample(text, 'cc1357_telephony_agents', { state: 'ringing' }) === 1 &&
        sample(text, 'cc1357_telephony_offers_total', { queue }) !== undefined
        ? text
        : null;
    }, 'the agent ringing and the offer counted');
    expect(sample(ringing, 'cc1357_telephony_offers_total', { queue })).toBe(1);
    expect(sample(ringing, 'cc1357_telephony_calls', { state: 'offering' })).toBe(1);
    expect(sample(ringing, 'cc1357_telephony_console_sockets', { role: 'counselor' })).toBe(1);
    expect(sample(ringing, 'cc1357_telephony_agents', { state: 'ringing' })).toBe(1);

    expect(await agent.command('call.answer.v1', { callId })).toEqual({ ok: true });
    await agent.next('call.connected.v1');
    const talking = await scrape(telephony.metricsUrl);
    expect(sample(talking, 'cc1357_telephony_offer_outcomes_total', { queue, outcome: 'answered' })).toBe(1);
    expect(sample(talking, 'cc1357_telephony_queue_wait_seconds_count', { queue, outcome: 'answered' })).toBe(1);
    expect(sample(talking, 'cc1357_telephony_calls', { state: 'connected' })).toBe(1);
    expect(sample(talking, 'cc1357_telephony_calls', { state: 'offering' })).toBe(0);
    expect(
      sample(talking, 'cc1357_telephony_ari_request_duration_seconds_count', {
        operation: 'channels.answer',
        result: 'ok',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(talking, 'cc1357_telephony_call_events_total', { type: 'call.arrived' })).toBe(1);

    await center.pbx.hangup(caller);
    await agent.next('call.ended.v1');
    await until(
      async () => sample(await scrape(telephony.metricsUrl), 'cc1357_telephony_calls', { state: 'connected' }) === 0,
      'no call connected',
    );
    // A hang-up of a channel already gone is an ARI 404: counted as an error of its operation.
    const after = await scrape(telephony.metricsUrl);
    expect(sample(after, 'cc1357_telephony_call_events_total', { type: 'call.ended' })).toBe(1);

    const ready = await fetch(`${telephony.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      service: 'telephony',
      checks: { redis: { ok: true }, ari: { ok: true }, crm: { ok: true } },
    });
    const live = await fetch(`${telephony.url}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok', service: 'telephony', checks: {} });
  });

  it('readiness names ari while the ARI socket is cut and crm while crm-api is unreachable; liveness stays 200', async () => {
    let sim: Awaited<ReturnType<typeof simPbx>> | undefined;
    center = await startCenter({
      pbx: async () => {
        sim = await simPbx({ viaProxy: true });
        return sim;
      },
    });
    const deadCrm = `http://127.0.0.1:${await closedPort()}`;
    const telephony = await center.startTelephony(undefined, { env: { CRM_API_URL: deadCrm, METRICS_PORT: '0' } });
    const ready = async () => {
      const res = await fetch(`${telephony.url}/health/ready`);
      return {
        status: res.status,
        body: (await res.json()) as { checks: Record<string, { ok: boolean; error?: string }> },
      };
    };

    const crmDown = await ready();
    expect(crmDown.status).toBe(503);
    expect(crmDown.body.checks.crm).toMatchObject({ ok: false, error: expect.any(String) });
    expect(crmDown.body.checks.redis?.ok).toBe(true);
    expect(crmDown.body.checks.ari?.ok).toBe(true);

    sim!.proxy!.cut();
    const ariDown = await until(async () => {
      const r = await ready();
      return r.body.checks.ari?.ok === false ? r : null;
    }, 'readiness to see the ARI socket down');
    expect(ariDown.status).toBe(503);
    expect(ariDown.body.checks.ari?.error).toContain('ARI');
    expect(sample(await scrape(telephony.metricsUrl), 'cc1357_telephony_ari_connected')).toBe(0);
    expect((await fetch(`${telephony.url}/health/live`)).status).toBe(200);
    sim!.proxy!.restore();
    await until(async () => (await ready()).body.checks.ari?.ok === true, 'ARI back', 20_000);
  });

  it('readiness names redis when Redis does not answer (a client on a closed port)', async () => {
    const redis = new Redis(`redis://127.0.0.1:${await closedPort()}`, { lazyConnect: true, maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    try {
      const report = await telephonyReadiness({
        redis,
        ariConnected: () => true,
        crmApiUrl: 'http://127.0.0.1:1',
        timeoutMs: 1000,
      })();
      expect(report.status).toBe('unavailable');
      expect(report.checks.redis).toMatchObject({ ok: false, error: expect.any(String) });
      expect(report.checks.ari).toMatchObject({ ok: true });
    } finally {
      redis.disconnect();
    }
  });
});
