import type pg from 'pg';

/** What every drill reports (bench: `scenarios.drills.<drill>`). Losses must be 0; recovery is only measured. */
export interface DrillFigures {
  calls_lost: number;
  consultations_lost: number;
  events_lost: number;
  recovery_s: number;
}

export interface DrillOptions {
  /** Bounded size for `npm test`; false = the bigger bench run. */
  quick: boolean;
  log?: (line: string) => void;
}

/** One call a drill placed, and how it must have ended in crm-api's records. */
export interface ExpectedCall {
  callId: string;
  /** Caller and agent were bridged (else: the caller hung up before being served). */
  served: boolean;
  /** The call went through the IVR into a queue. */
  queued: boolean;
}

/**
 * Reads crm-api's call events and call records for the drill's calls. A call's events are lost
 * when one it must have is missing or when they are out of order (arrived ≤ queued ≤ connected ≤
 * ended); a call is lost when its record is still open or ended the wrong way.
 */
export async function auditCalls(
  db: pg.Pool,
  calls: ExpectedCall[],
): Promise<{ lostCalls: Set<string>; eventsLost: number; problems: string[] }> {
  const lostCalls = new Set<string>();
  const problems: string[] = [];
  let eventsLost = 0;
  for (const call of calls) {
    const { rows } = await db.query<{ type: string; at: Date }>(
      'SELECT type, at FROM call_events WHERE call_id = $1 ORDER BY at, id',
      [call.callId],
    );
    const first = (type: string) => rows.find((r) => r.type === type)?.at.getTime() ?? null;
    const chain: [string, number | null][] = [['call.arrived', first('call.arrived')]];
    if (call.queued) chain.push(['queue.entered', first('queue.entered')]);
    if (call.served) chain.push(['call.connected', first('call.connected')]);
    chain.push(call.served ? ['call.ended', first('call.ended')] : ['call.abandoned', first('call.abandoned')]);
    let previous = -Infinity;
    for (const [type, at] of chain) {
      if (at === null) {
        eventsLost++;
        problems.push(`${call.callId}: no ${type}`);
      } else if (at < previous) {
        eventsLost++;
        problems.push(`${call.callId}: ${type} out of order`);
      } else previous = at;
    }
    const { rows: records } = await db.query<{ outcome: string; ended_at: Date | null }>(
      'SELECT outcome, ended_at FROM call_records WHERE call_id = $1',
      [call.callId],
    );
    const record = records[0];
    const outcome = call.served ? 'answered' : 'abandoned';
    if (!record || record.ended_at === null || record.outcome !== outcome) {
      lostCalls.add(call.callId);
      problems.push(
        `${call.callId}: record ${record ? `${record.outcome}, ended ${String(record.ended_at)}` : 'missing'}`,
      );
    }
  }
  return { lostCalls, eventsLost, problems };
}

/** Waits until every call's record is closed (the outbox delivers asynchronously); false on the hang guard. */
export async function recordsClosed(db: pg.Pool, callIds: string[], timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await db.query<{ n: string }>(
      'SELECT count(*) AS n FROM call_records WHERE call_id = ANY($1) AND ended_at IS NOT NULL',
      [callIds],
    );
    if (Number(rows[0]!.n) === callIds.length) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** Bounded wait that reports instead of throwing: a drill counts what did not happen. */
export async function soon(probe: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await Promise.resolve(probe()).catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

export const seconds = (fromMs: number, toMs: number) => Math.round((toMs - fromMs) / 10) / 100;
