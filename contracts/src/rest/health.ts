import { z } from 'zod';

/**
 * What a service's health endpoints answer (crm-api's and telephony's alike), so an operator,
 * an orchestrator or a test reads one shape:
 *  - liveness (`/health/live`): the process answers; it touches no dependency, so a database
 *    outage never gets a healthy process restarted;
 *  - readiness (`/health/ready`): every dependency the service needs, each checked by name
 *    (`postgres`, `redis`, `ari`, `crm`); 503 while any is down, and the body says which.
 */
export const HealthCheckResult = z.object({
  ok: z.boolean(),
  /** How long the check took (ms). */
  ms: z.number().nonnegative(),
  /** Why it failed, in one line (absent when ok). */
  error: z.string().optional(),
});
export type HealthCheckResult = z.infer<typeof HealthCheckResult>;

export const HealthReport = z.object({
  status: z.enum(['ok', 'unavailable']),
  service: z.string(),
  /** Each dependency by name; empty for liveness. */
  checks: z.record(z.string(), HealthCheckResult),
});
export type HealthReport = z.infer<typeof HealthReport>;

/** A named dependency check: resolves when the dependency answers, throws (or rejects) when not. */
export type HealthProbe = () => Promise<void> | void;

/**
 * Runs every probe at once, each bounded by `timeoutMs` (a dependency that hangs is down, and
 * the endpoint still answers in time), and reports each by name.
 */
export async function runHealthChecks(
  service: string,
  probes: Record<string, HealthProbe>,
  timeoutMs = 2000,
  clock: () => number = () => performance.now(),
): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]): Promise<[string, HealthCheckResult]> => {
      const started = clock();
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        await Promise.race([
          Promise.resolve().then(probe),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return [name, { ok: true, ms: Math.round(clock() - started) }];
      } catch (err) {
        const error = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);
        return [name, { ok: false, ms: Math.round(clock() - started), error: error || 'failed' }];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const checks = Object.fromEntries(entries);
  return { status: entries.every(([, r]) => r.ok) ? 'ok' : 'unavailable', service, checks };
}

/** The HTTP status of a report: 200 when every check passed, 503 otherwise. */
export const healthStatus = (report: HealthReport): 200 | 503 => (report.status === 'ok' ? 200 : 503);
