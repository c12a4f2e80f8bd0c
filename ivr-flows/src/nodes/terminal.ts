import { z } from 'zod';
import { IVR_SMS_TOPICS, PARTNER_IDS, QUEUE_IDS, type PartnerId, type QueueId } from '@cc1357/contracts';
import { PromptList, VarName, type Finding, type YamlPath } from '../schema/common';
import type { IvrOutcome, IvrRequest, IvrRequestResult } from '../runner/contract';
import type { PlatformPromptId } from '../prompts/platform';
import type { Runtime } from '../runner/runtime';
import { promptsAt, type NodeUnit } from './unit';

/*
 * The nodes that end the IVR. Each may play prompts first (without barge-in: a caller must hear
 * "connecting you" before the line changes), then emits `finish` with its outcome. Callback and
 * SMS nodes first have the driver carry out their request: their prompts confirm it, so they play
 * only once it was taken — or an apology plays instead — and then the IVR finishes.
 */

const base = { prompts: PromptList.optional(), label: z.string().optional() };

export const QueueNode = z.strictObject({
  type: z.literal('queue'),
  queue: z.string(),
  priority: z.number().int().min(0).max(9).default(0),
  ...base,
});
export const TransferNode = z.strictObject({ type: z.literal('transfer'), partner: z.string(), ...base });
export const CallbackNode = z.strictObject({
  type: z.literal('callback'),
  queue: z.string().nullable().default(null),
  /** Variable holding the number to call back; without it, the caller's own number. */
  numberVar: VarName.optional(),
  ...base,
});
export const SmsNode = z.strictObject({
  type: z.literal('sms'),
  topic: z.string().min(1),
  /** Variable holding the topic chosen earlier (wins over `topic` when set). */
  topicVar: VarName.optional(),
  numberVar: VarName.optional(),
  ...base,
});
export const HangupNode = z.strictObject({
  type: z.literal('hangup'),
  reason: z.string().min(1).default('completed'),
  ...base,
});
export type QueueNode = z.infer<typeof QueueNode>;
export type TransferNode = z.infer<typeof TransferNode>;
export type CallbackNode = z.infer<typeof CallbackNode>;
export type SmsNode = z.infer<typeof SmsNode>;
export type HangupNode = z.infer<typeof HangupNode>;

function numberFrom(rt: Runtime, numberVar: string | undefined): string | null {
  const value = numberVar ? rt.state.vars[numberVar] : undefined;
  return value !== undefined ? String(value) : rt.state.callerNumber;
}

function known(
  kind: 'queue' | 'partner' | 'sms topic',
  value: string,
  list: readonly string[],
  path: YamlPath,
  nodeId: string,
): Finding[] {
  return list.includes(value)
    ? []
    : [{ path, message: `node '${nodeId}': unknown ${kind} '${value}' (known: ${list.join(', ')})` }];
}

/** crm-api accepts only contracts' topics, so a topic outside them would fail at the caller's last step. */
export function knownSmsTopic(value: string, path: YamlPath, nodeId: string): Finding[] {
  return known('sms topic', value, IVR_SMS_TOPICS, path, nodeId);
}

function terminal<N extends { type: string; prompts?: string[] | undefined }>(
  type: N['type'],
  schema: z.ZodType<N>,
  outcome: (rt: Runtime, n: N) => IvrOutcome,
  check?: (n: N, at: YamlPath, nodeId: string) => Finding[],
): NodeUnit<N> {
  return {
    type,
    schema,
    waitsForInput: false,
    edges: () => [],
    prompts: (n) => promptsAt(n.prompts, 'prompts'),
    check: check ? (n, cx) => check(n, cx.at, cx.nodeId) : undefined,
    enter(rt, n) {
      if (!rt.play(n.prompts ?? [], false)) rt.finish(outcome(rt, n));
    },
    onPromptFinished: (rt, n) => rt.finish(outcome(rt, n)),
  };
}

export const queue = terminal(
  'queue',
  QueueNode,
  (_rt, n) => ({ kind: 'queue', queue: n.queue as QueueId, priority: n.priority }),
  (n, at, id) => known('queue', n.queue, QUEUE_IDS, [...at, 'queue'], id),
);

export const transfer = terminal(
  'transfer',
  TransferNode,
  (_rt, n) => ({ kind: 'transfer', partner: n.partner as PartnerId }),
  (n, at, id) => known('partner', n.partner, PARTNER_IDS, [...at, 'partner'], id),
);

/** What the caller hears when a request was refused (platform prompts, in the same catalogue). */
function apologyFor(request: IvrRequest, result: IvrRequestResult): PlatformPromptId {
  if (request.kind === 'callback') return 'callback-failed';
  return result === 'optedOut' ? 'sms-opted-out' : result === 'notMobile' ? 'sms-not-mobile' : 'sms-failed';
}

/** A terminal node that asks the driver for something and confirms it (or apologises) before finishing. */
function requesting<N extends { type: string; prompts?: string[] | undefined }>(
  type: N['type'],
  schema: z.ZodType<N>,
  request: (rt: Runtime, n: N) => IvrRequest,
  check: (n: N, at: YamlPath, nodeId: string) => Finding[],
): NodeUnit<N> {
  const outcome = (rt: Runtime, n: N): IvrOutcome => request(rt, n);
  return {
    ...terminal(type, schema, outcome, check),
    enter(rt, n) {
      rt.request(request(rt, n), n.prompts ?? []);
    },
    onRequestDone(rt, n, result) {
      const taken = result === 'ok' || result === 'duplicate';
      const prompts = taken ? (n.prompts ?? []) : [apologyFor(request(rt, n), result)];
      if (!rt.play(prompts, false)) rt.finish(outcome(rt, n));
    },
  };
}

export const callback = requesting(
  'callback',
  CallbackNode,
  (rt, n) => ({ kind: 'callback', queue: n.queue as QueueId | null, number: numberFrom(rt, n.numberVar) }),
  (n, at, id) => (n.queue === null ? [] : known('queue', n.queue, QUEUE_IDS, [...at, 'queue'], id)),
);

export const sms = requesting(
  'sms',
  SmsNode,
  (rt, n) => {
    const chosen = n.topicVar ? rt.state.vars[n.topicVar] : undefined;
    return { kind: 'sms', topic: chosen !== undefined ? String(chosen) : n.topic, number: numberFrom(rt, n.numberVar) };
  },
  (n, at, id) => knownSmsTopic(n.topic, [...at, 'topic'], id),
);

export const hangup = terminal('hangup', HangupNode, (_rt, n) => ({ kind: 'hangup', reason: n.reason }));
