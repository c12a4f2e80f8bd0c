/**
 * The names telephony gives call recordings on the PBX, and how crm-api and telephony read them
 * back: `cc/<YYYY-MM-DD>/<callId>` for a call's first conversation and `cc/<YYYY-MM-DD>/<callId>~<n>`
 * for the n-th (n ≥ 2: each counselor's transfer starts a conversation of its own). `~` is never
 * part of a call id, so a call id with dashes (a UUID) is read back whole. A name is only ever an
 * ARI path segment, never a file path.
 */
export interface CallRecordingName {
  /** The center day (Asia/Seoul) the recording started: its folder on the PBX. */
  day: string;
  callId: string;
  /** 1 for the call's first conversation, 2 for the one after the first transfer, … */
  conversation: number;
}

const NAME = /^cc\/(\d{4}-\d{2}-\d{2})\/([A-Za-z0-9._:-]{1,100})(?:~([1-9]\d{0,2}))?$/;

export function callRecordingName({ day, callId, conversation }: CallRecordingName): string {
  return conversation > 1 ? `cc/${day}/${callId}~${conversation}` : `cc/${day}/${callId}`;
}

/** The parts of a call recording's name; null for any other name. */
export function parseCallRecordingName(name: string): CallRecordingName | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const conversation = m[3] ? Number(m[3]) : 1;
  if (m[3] && conversation < 2) return null; // `~1` is never written: the first has no suffix
  return { day: m[1]!, callId: m[2]!, conversation };
}
