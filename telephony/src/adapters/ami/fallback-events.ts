import type { CallEventType, CallEventV1, QueueId } from '@cc1357/contracts';

/**
 * The dialplan's fallback queue (app_queue `fallback`, used while telephony's Stasis app is not
 * connected) as call events, so that calls taken without telephony still count in offered /
 * answered / abandoned. Pure: one AMI event in, the call events it stands for out.
 *
 * A fallback call's id is `fallback-<Asterisk uniqueid of the caller's channel>`; every event is
 * marked `data.fallback = true` and counted in the general queue (the fallback queue rings every
 * agent, whatever their skills).
 */

/** An AMI event as `asterisk-manager` delivers it: lower-cased keys, string values. */
export type AmiEvent = Record<string, unknown> & { event?: string };

export type FallbackCallEvent = Omit<CallEventV1, 'id'>;

export const FALLBACK_QUEUE = 'fallback';
export const FALLBACK_COUNTED_AS: QueueId = 'general';

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const seconds = (v: unknown): number | null => {
  const n = Number(text(v));
  return Number.isFinite(n) && text(v) !== null ? n : null;
};

/** `PJSIP/1001` (a member interface) → agent `1001`; anything else as it is. */
export function agentOfInterface(iface: unknown): string | null {
  const value = text(iface);
  if (!value) return null;
  return /^PJSIP\/([^/@;]+)$/.exec(value)?.[1] ?? value;
}

/** Caller ids app_queue reports for a withheld or missing number. */
function callerNumber(v: unknown): string | null {
  const value = text(v);
  return value && value !== '<unknown>' ? value : null;
}

export function fallbackCallId(uniqueid: string): string {
  return `fallback-${uniqueid}`;
}

/** The call events for one AMI event at `at`, or none (other queues, other events). */
export function fallbackCallEvents(event: AmiEvent, at: Date): FallbackCallEvent[] {
  if (text(event.queue) !== FALLBACK_QUEUE) return [];
  const uniqueid = text(event.uniqueid);
  if (!uniqueid) return [];
  const base = {
    callId: fallbackCallId(uniqueid),
    at: at.toISOString(),
    queue: FALLBACK_COUNTED_AS,
    callerNumber: callerNumber(event.calleridnum),
  };
  const make = (
    type: CallEventType,
    data: Record<string, unknown>,
    agentId: string | null = null,
  ): FallbackCallEvent => ({ ...base, type, agentId, data: { fallback: true, ...data } });
  const agentId = agentOfInterface(event.interface ?? event.membername);

  switch ((text(event.event) ?? '').toLowerCase()) {
    case 'queuecallerjoin':
      return [
        make('call.arrived', { channel: text(event.channel) }),
        make('queue.entered', { position: seconds(event.position) }),
      ];
    case 'agentcalled':
      return [make('agent.offered', { channel: text(event.destchannel) }, agentId)];
    case 'agentringnoanswer':
      return [
        make(
          'agent.noAnswer',
          { ringSeconds: seconds(event.ringtime) === null ? null : Number(event.ringtime) / 1000 },
          agentId,
        ),
      ];
    case 'agentconnect':
      return [
        make('call.connected', { waitSeconds: seconds(event.holdtime), ringSeconds: seconds(event.ringtime) }, agentId),
      ];
    case 'agentcomplete':
      return [
        make(
          'call.ended',
          {
            reason:
              text(event.reason) === 'agent'
                ? 'agentHangup'
                : text(event.reason) === 'transfer'
                  ? 'transferred'
                  : 'callerHangup',
            waitSeconds: seconds(event.holdtime),
            talkSeconds: seconds(event.talktime),
          },
          agentId,
        ),
      ];
    case 'queuecallerabandon':
      return [
        make('call.abandoned', { waitSeconds: seconds(event.holdtime), position: seconds(event.position) }),
        make('call.ended', { reason: 'abandoned', waitSeconds: seconds(event.holdtime) }),
      ];
    default:
      return [];
  }
}
