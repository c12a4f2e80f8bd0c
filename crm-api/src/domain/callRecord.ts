import type { CallEventType } from '@cc1357/contracts';
import { parseCallerNumber } from './phone';

/**
 * The CDR of one call, derived from all its events. Deriving (instead of patching a row per
 * event) makes ingestion order-independent and idempotent: the same events give the same row.
 */

export interface StoredCallEvent {
  id: string;
  callId: string;
  type: CallEventType;
  at: Date;
  queue: string | null;
  agentId: string | null;
  callerNumber: string | null;
  data: Record<string, unknown>;
}

/** `notAnswered`: an outbound call the customer (or the counselor's own phone) did not answer. */
export const CALL_OUTCOMES = ['inProgress', 'answered', 'abandoned', 'ivrOnly', 'ended', 'notAnswered'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export interface CallRecord {
  callId: string;
  callerNumber: string | null;
  /** The last queue the call entered. */
  queue: string | null;
  /** The agent it was connected to (the first connect). */
  agentId: string | null;
  arrivedAt: Date | null;
  queuedAt: Date | null;
  connectedAt: Date | null;
  endedAt: Date | null;
  outcome: CallOutcome;
  recordingName: string | null;
  /** `outbound`: a counselor's call from the desk (issue 12 §4, `call.outbound.started`). */
  direction: 'inbound' | 'outbound';
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Stored like contact numbers (digits, national form) so CDRs join with the CRM; withheld → null. */
function callerNumberOf(raw: string | null): string | null {
  const parsed = parseCallerNumber(raw);
  if (parsed.kind === 'number') return parsed.number;
  return parsed.kind === 'withheld' ? null : raw;
}

export function callRecordOf(callId: string, events: readonly StoredCallEvent[]): CallRecord {
  const sorted = [...events]
    .filter((e) => e.callId === callId)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
  const first = (type: CallEventType) => sorted.find((e) => e.type === type) ?? null;
  const last = (type: CallEventType) => [...sorted].reverse().find((e) => e.type === type) ?? null;

  const arrived = first('call.arrived');
  const queued = first('queue.entered');
  const lastQueued = last('queue.entered');
  const connected = first('call.connected');
  const abandoned = first('call.abandoned');
  const ended = last('call.ended');
  const recording = first('recording.started') ?? first('recording.finished');

  const outbound = first('call.outbound.started');
  let outcome: CallOutcome = 'inProgress';
  if (connected) outcome = 'answered';
  else if (abandoned) outcome = 'abandoned';
  else if (ended && outbound) outcome = 'notAnswered';
  else if (ended) outcome = queued ? 'ended' : 'ivrOnly';

  return {
    callId,
    callerNumber: callerNumberOf(sorted.map((e) => e.callerNumber).find((n) => n) ?? null),
    queue: lastQueued?.queue ?? null,
    agentId: connected?.agentId ?? null,
    arrivedAt: arrived?.at ?? sorted[0]?.at ?? null,
    queuedAt: queued?.at ?? null,
    connectedAt: connected?.at ?? null,
    endedAt: ended?.at ?? abandoned?.at ?? null,
    outcome,
    recordingName: str(recording?.data.recordingName) ?? str(recording?.data.name),
    direction: outbound ? 'outbound' : 'inbound',
  };
}
