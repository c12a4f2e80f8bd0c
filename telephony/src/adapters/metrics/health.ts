import { type HealthProbe, type HealthReport, runHealthChecks } from '@cc1357/contracts';
import type { Redis } from 'ioredis';

/**
 * telephony's readiness: what it needs to take calls, each dependency by name.
 *  - `redis`: live state, queues and reservations (PING);
 *  - `ari`: the ARI event websocket to Asterisk (no events, no calls);
 *  - `crm`: crm-api answers its liveness (pops, call events and sessions go there; calls still
 *    flow without it, but pops are empty and events wait in the outbox, so the node says so).
 */
export interface TelephonyHealthDeps {
  redis: Pick<Redis, 'ping'>;
  ariConnected: () => boolean;
  crmApiUrl: string;
  timeoutMs?: number;
}

export function telephonyProbes(deps: TelephonyHealthDeps): Record<string, HealthProbe> {
  const timeoutMs = deps.timeoutMs ?? 2000;
  return {
    redis: async () => {
      const answer = await deps.redis.ping();
      if (answer !== 'PONG') throw new Error(`unexpected PING answer ${answer}`);
    },
    ari: () => {
      if (!deps.ariConnected()) throw new Error('ARI event websocket is not connected');
    },
    crm: async () => {
      const res = await fetch(`${deps.crmApiUrl}/health/live`, { signal: AbortSignal.timeout(timeoutMs) });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`crm-api answered ${res.status}`);
    },
  };
}

export function telephonyReadiness(deps: TelephonyHealthDeps): () => Promise<HealthReport> {
  const probes = telephonyProbes(deps);
  return () => runHealthChecks('telephony', probes, deps.timeoutMs ?? 2000);
}

/** Liveness: the event loop answers. Touches nothing, so an outage elsewhere never restarts us. */
export const telephonyLiveness = (): HealthReport => ({ status: 'ok', service: 'telephony', checks: {} });
