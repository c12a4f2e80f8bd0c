/** Q.850 causes as Asterisk names them (`cause_txt` of ChannelDestroyed). */
export const CAUSE_TEXT: Record<number, string> = {
  0: 'Unknown',
  1: 'Unallocated (unassigned) number',
  16: 'Normal Clearing',
  17: 'User busy',
  18: 'No user responding',
  19: 'User alerting, no answer',
  20: 'Subscriber absent',
  21: 'Call Rejected',
  26: 'Answered elsewhere',
  27: 'Destination out of order',
  28: 'Invalid number format (addr incomplete)',
  31: 'Normal, unspecified',
  34: 'Circuit/channel congestion',
  38: 'Network out of order',
  58: 'Bearer capability not available',
  127: 'Interworking, unspecified',
};

export function causeText(cause: number): string {
  return CAUSE_TEXT[cause] ?? 'Unknown';
}

/**
 * `DELETE /channels/{id}?reason=` names (channels.json) → cause codes, as res/ari/resource_channels.c
 * converts them (`timeout` is 18, No user responding, not 19: seen on 22.10.1, where the carrier of
 * an unanswered call hung up so got 408).
 */
export const REASON_CAUSE: Record<string, number> = {
  normal: 16,
  busy: 17,
  congestion: 34,
  no_answer: 19,
  timeout: 18,
  rejected: 21,
  unallocated: 1,
  normal_unspecified: 31,
  number_incomplete: 28,
  codec_mismatch: 58,
  interworking: 127,
  failure: 38,
  answered_elsewhere: 26,
};

/** The soft-hangup flag "explicit" Asterisk reports as `cause` when ARI hangs a channel up. */
export const SOFT_HANGUP_EXPLICIT = 32;
