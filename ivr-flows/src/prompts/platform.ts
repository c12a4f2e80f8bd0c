/**
 * Prompts the platform plays outside any flow — telephony's apologies when a self-service outcome
 * cannot be carried out, and the dialplan's fallback when telephony is not connected. They live in
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
] as const;
export type PlatformPromptId = (typeof PLATFORM_PROMPT_IDS)[number];
