/**
 * The IVR path as the caller lived it, for the pop: telephony reports every node the call
 * passed (`notice › hours › main-menu › startup › startup-menu › startup-pre › startup-wait …`),
 * internal checks and hand-offs included. The counselor needs what the caller heard and pressed:
 * "안내 멘트 › 주 메뉴 › 2 창업·벤처 › 1 예비창업 › 상담원 연결 대기". Each node the caller
 * noticed has an i18n key under `ivrSteps` (the console's language); the rest is left out.
 */

/** Nodes of the 1357 flows (ivr-flows/flows/*.yaml) the caller hears or picks, by id. */
export const NAMED_STEPS: ReadonlySet<string> = new Set([
  'notice',
  'closed',
  'main-menu',
  'fund-wait',
  'startup',
  'merchant-wait',
  'rnd',
  'export',
  'hr-wait',
  'sms',
  'general-known',
  'general-priority',
  'startup-pre',
  'startup-solo',
  'startup-venture',
  'rnd-keit',
  'rnd-tipa',
  'rnd-coop',
  'export-wait',
  'fta-transfer',
  'sms-topic-funds',
  'sms-topic-startup',
  'sms-topic-calendar',
  'ah-holiday-notice',
  'ah-menu',
  'ah-sms',
  'ah-goodbye',
]);

/** Node kinds shared by every queue's branch, by the id's ending. */
const BY_SUFFIX: readonly [RegExp, string][] = [
  [/-overflow$/, 'overflow'],
  [/-callback$/, 'callback'],
  [/-queue$/, 'queue'],
];

/** The `ivrSteps.*` keys of a path, in order, each once in a row (a repeated menu is one step). */
export function callerPathSteps(path: readonly string[]): string[] {
  const steps: string[] = [];
  for (const node of path) {
    const key = NAMED_STEPS.has(node) ? node : BY_SUFFIX.find(([re]) => re.test(node))?.[1];
    if (key && steps[steps.length - 1] !== key) steps.push(key);
  }
  return steps;
}
