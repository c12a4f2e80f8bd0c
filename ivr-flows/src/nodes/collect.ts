import { z } from 'zod';
import { NodeId, PositiveMs, PromptList, VarName, type Finding } from '../schema/common';
import type { Runtime } from '../runner/runtime';
import { DIGIT_VALIDATOR_NAMES, isDigitValidatorName, runDigitValidator } from '../validators/index';
import { retryOrGiveUp } from './retry';
import { promptsAt, type NodeUnit } from './unit';

export const CollectNode = z.strictObject({
  type: z.literal('collect'),
  /** Variable that receives the digits. */
  var: VarName,
  prompts: PromptList.min(1, 'a collect node needs at least one prompt'),
  bargeIn: z.boolean().default(true),
  minLength: z.number().int().min(1).max(32).default(1),
  maxLength: z.number().int().min(1).max(32),
  terminator: z.enum(['#', '*']).default('#'),
  /** Wait for the first digit. */
  timeoutMs: PositiveMs.optional(),
  /** Wait between digits; when it runs out, what was typed is taken as the answer. */
  interDigitTimeoutMs: PositiveMs.default(3000),
  validator: z.string().optional(),
  retries: z.number().int().min(0).max(9).default(2),
  invalidPrompts: PromptList.optional(),
  timeoutPrompts: PromptList.optional(),
  next: NodeId,
  onFail: NodeId.optional(),
  label: z.string().optional(),
});
export type CollectNode = z.infer<typeof CollectNode>;

function prompt(rt: Runtime, n: CollectNode, ids: string[]): void {
  rt.state.digits = '';
  if (!rt.play(ids, n.bargeIn)) rt.awaitInput(n.timeoutMs ?? 5000);
}

function fail(rt: Runtime, n: CollectNode, kind: 'invalid' | 'timeout', what: string): void {
  retryOrGiveUp(rt, n, kind, what, 'collect-failed', (ids) => prompt(rt, n, ids));
}

function complete(rt: Runtime, n: CollectNode): void {
  const digits = rt.state.digits;
  if (digits.length === 0) return fail(rt, n, 'timeout', 'no input');
  const tooShort = digits.length < n.minLength;
  if (tooShort || (n.validator && !runDigitValidator(n.validator, digits))) {
    return fail(rt, n, 'invalid', tooShort ? `too short ${digits}` : `rejected by ${n.validator} ${digits}`);
  }
  rt.setVar(n.var, digits);
  rt.goto(n.next, `collected ${digits}`);
}

function take(rt: Runtime, n: CollectNode, digit: string): void {
  if (digit === n.terminator) return complete(rt, n);
  if (!/^[0-9]$/.test(digit)) {
    // The other special key starts the entry over.
    rt.clearWaits();
    return prompt(rt, n, n.prompts);
  }
  rt.state.digits += digit;
  if (rt.state.digits.length >= n.maxLength) return complete(rt, n);
  rt.awaitInput(n.interDigitTimeoutMs);
}

/** Reads a number (min/max length, terminator, inter-digit timeout) and checks it. */
export const collect: NodeUnit<CollectNode> = {
  type: 'collect',
  schema: CollectNode,
  waitsForInput: true,
  edges: (n) => [
    { label: 'next', target: n.next, path: ['next'] },
    ...(n.onFail ? [{ label: 'onFail', target: n.onFail, path: ['onFail'] }] : []),
  ],
  prompts: (n) => [
    ...promptsAt(n.prompts, 'prompts'),
    ...promptsAt(n.invalidPrompts, 'invalidPrompts'),
    ...promptsAt(n.timeoutPrompts, 'timeoutPrompts'),
  ],
  check(n, cx) {
    const out: Finding[] = [];
    if (n.minLength > n.maxLength) {
      out.push({
        path: [...cx.at, 'minLength'],
        message: `collect '${cx.nodeId}': minLength ${n.minLength} is above maxLength ${n.maxLength}`,
      });
    }
    if (n.validator !== undefined && !isDigitValidatorName(n.validator)) {
      out.push({
        path: [...cx.at, 'validator'],
        message: `collect '${cx.nodeId}': unknown validator '${n.validator}' (known: ${DIGIT_VALIDATOR_NAMES.join(', ')})`,
      });
    }
    if (n.timeoutMs === undefined) out.push({ path: cx.at, message: `collect '${cx.nodeId}' has no timeoutMs` });
    if (!n.invalidPrompts?.length)
      out.push({ path: cx.at, message: `collect '${cx.nodeId}' has no invalid handling (invalidPrompts)` });
    if (!n.onFail)
      out.push({ path: cx.at, message: `collect '${cx.nodeId}' has no onFail target for when retries run out` });
    return out;
  },
  enter(rt, n, bargeDigit) {
    if (bargeDigit !== null) return take(rt, n, bargeDigit);
    prompt(rt, n, n.prompts);
  },
  onPromptFinished: (rt, n) => rt.awaitInput(n.timeoutMs ?? 5000),
  onDigit(rt, n, digit) {
    if (rt.state.waiting === 'prompt' && !n.bargeIn) return;
    if (rt.state.waiting === 'prompt') rt.stopPlay();
    take(rt, n, digit);
  },
  onTimer: (rt, n) => complete(rt, n),
};
