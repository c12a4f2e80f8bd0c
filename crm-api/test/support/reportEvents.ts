import { QUEUE_IDS, WRAP_UP_CODES, type CallEventV1 } from '@cc1357/contracts';
import { seeded } from './queueEvents';

/**
 * The events of `calls` random calls starting in [from, from + days), drawn to hit the shapes the
 * KPI report counts (domain/kpiReport.ts): answered with rings and missed rings, abandoned (short
 * or not), held and resumed (with and without `heldSeconds`), transferred (to a queue that answers
 * or not, and a stray transfer by someone else), callbacks (duplicates too), fallback calls,
 * desk dials (answered or not), wrap-ups with a code, an unknown code or none, calls still
 * connected, IVR-only calls. Whole-second times (sums are exact whatever the order); each call
 * lasts well under a day. Ids are unique; the order is the draw's, not time's.
 */
export function randomReportEvents(seed: number, calls: number, from: Date, days: number, prefix = 'k'): CallEventV1[] {
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const secs = (max: number) => Math.floor(rnd() * max);
  const agents = ['2001', '2002', '2003', '2004', '2005'];
  const events: CallEventV1[] = [];
  for (let c = 0; c < calls; c++) {
    const callId = `${prefix}${c}`;
    let t = from.getTime() + secs(days * 86_400) * 1000;
    let k = 0;
    const fallback = rnd() < 0.1;
    const push = (type: CallEventV1['type'], extra: Partial<CallEventV1> = {}) =>
      events.push({
        id: `${callId}-${String(++k).padStart(2, '0')}`,
        callId,
        type,
        at: new Date(t).toISOString(),
        data: {},
        ...extra,
      });
    const step = (max: number) => (t += secs(max) * 1000);
    const shape = rnd();
    if (shape < 0.08) {
      push('call.arrived');
      step(60);
      push('call.ended');
      continue;
    }
    if (shape < 0.25) {
      // A desk dial.
      const agent = pick(agents);
      push('call.outbound.started', { agentId: agent, data: { number: '01012345678' } });
      step(20);
      if (rnd() < 0.7) {
        push('call.outbound.answered', rnd() < 0.5 ? { agentId: agent } : {});
        push('call.connected', { agentId: agent });
        step(300);
        push('call.ended', { agentId: agent });
        step(60);
        if (rnd() < 0.6) push('wrapUp.ended', { agentId: agent, data: { code: pick(WRAP_UP_CODES) } });
      } else {
        push('call.outbound.noAnswer', { agentId: agent, data: { leg: 'customer' } });
        push('call.ended', { agentId: agent });
      }
      continue;
    }
    push('call.arrived', { callerNumber: '01099998888' });
    step(30);
    let queue = pick(QUEUE_IDS);
    push('queue.entered', { queue, ...(fallback ? { data: { fallback: true } } : {}) });
    if (rnd() < 0.3) {
      step(40);
      push('call.abandoned', { queue });
      continue;
    }
    let agent = pick(agents);
    if (rnd() < 0.3) {
      push('agent.offered', { queue, agentId: agent });
      step(15);
      push('agent.noAnswer', { queue, agentId: agent });
      agent = pick(agents);
    }
    step(40);
    push('agent.offered', { queue, agentId: agent });
    step(10);
    push('call.connected', { queue, agentId: agent });
    step(200);
    if (rnd() < 0.3) {
      push('call.held', { agentId: agent });
      step(60);
      push('call.resumed', { agentId: agent, data: rnd() < 0.5 ? { heldSeconds: secs(60) } : {} });
      step(100);
    }
    if (rnd() < 0.2)
      push('callback.requested', {
        queue,
        agentId: agent,
        data: rnd() < 0.3 ? { duplicate: true } : { callbackId: '1' },
      });
    if (rnd() < 0.1)
      push('call.transferred', { data: { from: pick(agents.filter((a) => a !== agent)), target: 'general' } });
    if (rnd() < 0.25) {
      // Transferred to another queue: answered there or abandoned.
      push('call.transferred', { agentId: agent, data: { from: agent, target: 'general', mode: 'blind' } });
      queue = queue === 'general' ? 'fund' : 'general';
      push('queue.entered', { queue });
      step(60);
      if (rnd() < 0.4) {
        push('call.abandoned', { queue });
        continue;
      }
      agent = pick(agents);
      push('call.connected', { queue, agentId: agent });
      step(200);
    }
    if (rnd() < 0.1) continue; // still connected
    push('call.ended', { agentId: agent });
    step(90);
    const w = rnd();
    if (w < 0.5) push('wrapUp.ended', { agentId: agent, data: { code: pick(WRAP_UP_CODES) } });
    else if (w < 0.6) push('wrapUp.ended', { agentId: agent, data: { code: 'notACode' } });
    else if (w < 0.8) push('wrapUp.ended', { agentId: agent, data: {} });
  }
  return events;
}

/** `xs` in a seeded random order. */
export function shuffled<T>(seed: number, xs: readonly T[]): T[] {
  const rnd = seeded(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
