/**
 * Prompts the platform plays outside any flow — telephony's apologies when a self-service outcome
 * cannot be carried out, its announcements to callers waiting in a queue, and the dialplan's
 * fallback when telephony is not connected. They live in
 * the same catalogue (prompts/ko.yaml) so they get Korean text and generated audio like the rest.
 */
export const PLATFORM_PROMPT_IDS = [
  'sms-opted-out',
  'sms-not-mobile',
  'sms-failed',
  'callback-failed',
  'transfer-failed',
  'fallback-notice',
  'fallback-goodbye',
  // Telephony's queue announcements (telephony/src/core/queue-announce.ts): place, wait, `*` for a call back.
  'queue-position',
  'queue-position-end',
  'queue-position-many',
  'queue-wait',
  'queue-wait-end',
  'queue-wait-soon',
  'queue-wait-long',
  'queue-virtual-hold-offer',
  'queue-max-wait',
  // Sino-Korean numerals the announcements compose 1–99 from (23 = num-20, num-3).
  'num-1',
  'num-2',
  'num-3',
  'num-4',
  'num-5',
  'num-6',
  'num-7',
  'num-8',
  'num-9',
  'num-10',
  'num-20',
  'num-30',
  'num-40',
  'num-50',
  'num-60',
  'num-70',
  'num-80',
  'num-90',
] as const;
export type PlatformPromptId = (typeof PLATFORM_PROMPT_IDS)[number];
