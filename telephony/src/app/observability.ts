import type { CallEventV1 } from '@cc1357/contracts';
import type { Redis } from 'ioredis';
import { observeCallEvent } from '../adapters/metrics/call-event-metrics';
import { telephonyLiveness, telephonyReadiness } from '../adapters/metrics/health';
import { type MetricsServer, startMetricsServer } from '@cc1357/contracts/node';
import type { HealthEndpoints } from '../adapters/metrics/http';
import { TelephonyMetrics } from '../adapters/metrics/telephony-metrics';
import type { ConsoleServer } from '../adapters/console/gateway';
import type { LiveState } from '../adapters/redis/live-state';
import type { CallEventOutbox } from '../adapters/crm/outbox';

/**
 * Metrics and health of one telephony node, wired from the app's parts. The hooks the parts are
 * built with (`onAriRequest`, `onCallEvent`) exist before the parts; what is read at scrape time
 * is attached once they exist (`attach`).
 */
export interface Observability {
  metrics: TelephonyMetrics;
  onAriRequest: (operation: string, seconds: number, status: number | null) => void;
  onCallEvent: (event: CallEventV1) => void;
  health: HealthEndpoints;
  attach(parts: { state: LiveState; outbox: CallEventOutbox; io: ConsoleServer; acdPasses: () => number }): void;
  /** Starts the `/metrics` listener when configured; null otherwise. */
  serve(options: { port: number; host: string } | undefined): Promise<MetricsServer | null>;
}

export function createObservability(deps: {
  node: string;
  redis: Redis;
  ariConnected: () => boolean;
  crmApiUrl: string;
}): Observability {
  const metrics = new TelephonyMetrics({ node: deps.node });
  const ready = telephonyReadiness({ redis: deps.redis, ariConnected: deps.ariConnected, crmApiUrl: deps.crmApiUrl });
  return {
    metrics,
    onAriRequest: (operation, seconds, status) => metrics.ariRequest(operation, seconds, status),
    onCallEvent: (event) => observeCallEvent(metrics, event),
    health: { live: telephonyLiveness, ready },
    attach({ state, outbox, io, acdPasses }) {
      metrics.readFrom({
        async callsByState() {
          const calls = await state.listCalls();
          return countBy(calls.filter((c) => c.node === deps.node).map((c) => c.state));
        },
        async agentsByState() {
          return countBy((await state.listAgents()).map((a) => a.value.state));
        },
        outboxDepth: () => outbox.pending(),
        consolesByRole: () => countBy([...io.of('/').sockets.values()].map((s) => s.data.claims?.role ?? 'unknown')),
        ariConnected: deps.ariConnected,
        acdPasses,
      });
    },
    serve: (options) => (options ? startMetricsServer(metrics, options) : Promise.resolve(null)),
  };
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
