import { describe, expect, it } from 'vitest';
import { observeCallEvent } from '../../src/adapters/metrics/call-event-metrics';
import { type ScrapeSources, TelephonyMetrics } from '../../src/adapters/metrics/telephony-metrics';
import { sample } from '../support/prometheus-text';

const text = async (m: TelephonyMetrics) => (await m.exposition()).body;

describe('telephony metrics from call events', () => {
  it('counts offers and how each ended, and observes queue waits of answered and abandoned calls', async () => {
    const m = new TelephonyMetrics({ node: 'unit@test' });
    const events = [
      { type: 'queue.entered', queue: 'fund', data: {} },
      { type: 'agent.offered', queue: 'fund', data: { waitedSeconds: 3 } },
      { type: 'agent.noAnswer', queue: 'fund', data: { agentId: '1001', reason: 'noAnswer' } },
      { type: 'agent.offered', queue: 'fund', data: { waitedSeconds: 20 } },
      { type: 'agent.noAnswer', queue: 'fund', data: { agentId: '1002', reason: 'rejected' } },
      { type: 'agent.offered', queue: 'fund', data: { waitedSeconds: 25 } },
      { type: 'call.connected', queue: 'fund', data: { waitedSeconds: 27.5 } },
      { type: 'agent.offered', queue: 'export', data: {} },
      { type: 'call.abandoned', queue: 'export', data: { waitedSeconds: 4, ringing: true } },
      { type: 'call.abandoned', queue: 'hr', data: { waitedSeconds: 70, ringing: false } },
      // A reason outside the closed set is counted as failed (labels stay bounded).
      { type: 'agent.noAnswer', queue: 'hr', data: { reason: 'something new' } },
    ] as const;
    for (const e of events) observeCallEvent(m, e);
    const t = await text(m);
    expect(sample(t, 'cc1357_telephony_offers_total', { queue: 'fund' })).toBe(3);
    expect(sample(t, 'cc1357_telephony_offers_total', { queue: 'export' })).toBe(1);
    for (const [queue, outcome, n] of [
      ['fund', 'noAnswer', 1],
      ['fund', 'rejected', 1],
      ['fund', 'answered', 1],
      ['export', 'callerHangup', 1],
      ['hr', 'failed', 1],
    ] as const)
      expect(sample(t, 'cc1357_telephony_offer_outcomes_total', { queue, outcome }), `${queue} ${outcome}`).toBe(n);
    expect(
      sample(t, 'cc1357_telephony_offer_outcomes_total', { queue: 'hr', outcome: 'callerHangup' }),
    ).toBeUndefined();
    expect(sample(t, 'cc1357_telephony_queue_wait_seconds_sum', { queue: 'fund', outcome: 'answered' })).toBe(27.5);
    expect(
      sample(t, 'cc1357_telephony_queue_wait_seconds_bucket', { queue: 'fund', outcome: 'answered', le: '30' }),
    ).toBe(1);
    expect(
      sample(t, 'cc1357_telephony_queue_wait_seconds_bucket', { queue: 'fund', outcome: 'answered', le: '20' }),
    ).toBe(0);
    expect(sample(t, 'cc1357_telephony_queue_wait_seconds_count', { outcome: 'abandoned' })).toBe(2);
    expect(sample(t, 'cc1357_telephony_call_events_total', { type: 'agent.offered' })).toBe(4);
    expect(t).toContain('service="telephony"');
    expect(t).toContain('node="unit@test"');
  });

  it('times ARI requests by operation and counts failures by status', async () => {
    const m = new TelephonyMetrics({ node: 'unit@test' });
    m.ariRequest('channels.answer', 0.004, null);
    m.ariRequest('channels.hangup', 0.003, 404);
    m.ariRequest('bridges.create', 5, 0);
    const t = await text(m);
    expect(
      sample(t, 'cc1357_telephony_ari_request_duration_seconds_count', { operation: 'channels.answer', result: 'ok' }),
    ).toBe(1);
    expect(
      sample(t, 'cc1357_telephony_ari_request_errors_total', { operation: 'channels.hangup', status: '404' }),
    ).toBe(1);
    expect(sample(t, 'cc1357_telephony_ari_request_errors_total', { operation: 'bridges.create', status: '0' })).toBe(
      1,
    );
    expect(sample(t, 'cc1357_telephony_ari_request_errors_total', { operation: 'channels.answer' })).toBeUndefined();
  });

  it('reads gauges at scrape time: a state left empty reads 0, a source that fails is left out', async () => {
    const m = new TelephonyMetrics({ node: 'unit@test' });
    let calls: Record<string, number> = { queued: 2, connected: 1 };
    let outbox: () => Promise<number> = async () => 7;
    const sources: ScrapeSources = {
      callsByState: async () => calls,
      agentsByState: async () => ({ ready: 3 }),
      outboxDepth: () => outbox(),
      consolesByRole: () => ({ counselor: 2, supervisor: 1 }),
      ariConnected: () => true,
      acdPasses: () => 41,
    };
    m.readFrom(sources);
    let t = await text(m);
    expect(sample(t, 'cc1357_telephony_calls', { state: 'queued' })).toBe(2);
    expect(sample(t, 'cc1357_telephony_acd_passes_total')).toBe(41);
    expect(sample(t, 'cc1357_telephony_outbox_depth')).toBe(7);
    expect(sample(t, 'cc1357_telephony_console_sockets', { role: 'supervisor' })).toBe(1);

    calls = { connected: 1 };
    outbox = () => Promise.reject(new Error('redis away'));
    t = await text(m);
    expect(sample(t, 'cc1357_telephony_calls', { state: 'queued' })).toBe(0);
    expect(sample(t, 'cc1357_telephony_outbox_depth')).toBeNaN();
    expect(sample(t, 'cc1357_telephony_agents', { state: 'ready' })).toBe(3);
  });
});
