import { z } from 'zod';
import { NodeId, PositiveMs, PromptList, type Finding } from '../schema/common';
import type { Runtime } from '../runner/runtime';
import { retryOrGiveUp } from './retry';
import { promptsAt, type NodeUnit } from './unit';

export const MenuNode = z.strictObject({
  type: z.literal('menu'),
  prompts: PromptList.min(1, 'a menu needs at least one prompt'),
  bargeIn: z.boolean().default(true),
  /** Digit → node id. `*` (repeat) and `#` (back) are reserved. */
  options: z.record(z.string(), NodeId),
  timeoutMs: PositiveMs.optional(),
  retries: z.number().int().min(0).max(9).default(2),
  invalidPrompts: PromptList.optional(),
  timeoutPrompts: PromptList.optional(),
  /** Where the caller goes after too many invalid or missing choices. */
  onFail: NodeId.optional(),
  label: z.string().optional(),
});
export type MenuNode = z.infer<typeof MenuNode>;

function prompt(rt: Runtime, n: MenuNode, ids: string[]): void {
  if (!rt.play(ids, n.bargeIn)) rt.awaitInput(n.timeoutMs ?? 5000);
}

function fail(rt: Runtime, n: MenuNode, kind: 'invalid' | 'timeout', what: string): void {
  retryOrGiveUp(rt, n, kind, what, 'menu-failed', (ids) => prompt(rt, n, ids));
}

function choose(rt: Runtime, n: MenuNode, digit: string): void {
  if (digit === '*') {
    rt.clearWaits();
    return prompt(rt, n, n.prompts);
  }
  if (digit === '#' && rt.backToPreviousMenu()) return;
  const target = n.options[digit];
  if (target) return rt.goto(target, `digit ${digit}`);
  fail(rt, n, 'invalid', `invalid ${digit}`);
}

/** Plays a choice of options and branches on one digit; `*` repeats, `#` goes back a menu. */
export const menu: NodeUnit<MenuNode> = {
  type: 'menu',
  schema: MenuNode,
  waitsForInput: true,
  edges: (n) => [
    ...Object.entries(n.options).map(([digit, target]) => ({
      label: `digit ${digit}`,
      target,
      path: ['options', digit],
    })),
    ...(n.onFail ? [{ label: 'onFail', target: n.onFail, path: ['onFail'] }] : []),
  ],
  prompts: (n) => [
    ...promptsAt(n.prompts, 'prompts'),
    ...promptsAt(n.invalidPrompts, 'invalidPrompts'),
    ...promptsAt(n.timeoutPrompts, 'timeoutPrompts'),
  ],
  check(n, cx) {
    const out: Finding[] = [];
    const at = (...p: Array<string | number>) => [...cx.at, ...p];
    for (const digit of Object.keys(n.options)) {
      if (digit === '*' || digit === '#') {
        out.push({
          path: at('options', digit),
          message: `menu '${cx.nodeId}': '${digit}' is reserved (${digit === '*' ? 'repeat' : 'back'})`,
        });
      } else if (!/^[0-9]$/.test(digit)) {
        out.push({
          path: at('options', digit),
          message: `menu '${cx.nodeId}': option '${digit}' is not a single digit 0-9`,
        });
      }
    }
    if (Object.keys(n.options).length === 0)
      out.push({ path: at('options'), message: `menu '${cx.nodeId}' has no options` });
    if (n.timeoutMs === undefined) out.push({ path: cx.at, message: `menu '${cx.nodeId}' has no timeoutMs` });
    if (!n.invalidPrompts?.length)
      out.push({ path: cx.at, message: `menu '${cx.nodeId}' has no invalid handling (invalidPrompts)` });
    if (!n.onFail)
      out.push({ path: cx.at, message: `menu '${cx.nodeId}' has no onFail target for when retries run out` });
    return out;
  },
  enter(rt, n, bargeDigit) {
    rt.markMenu();
    if (bargeDigit !== null) return choose(rt, n, bargeDigit);
    prompt(rt, n, n.prompts);
  },
  onPromptFinished: (rt, n) => rt.awaitInput(n.timeoutMs ?? 5000),
  onDigit(rt, n, digit) {
    if (rt.state.waiting === 'prompt' && !n.bargeIn) return;
    if (rt.state.waiting === 'prompt') rt.stopPlay();
    choose(rt, n, digit);
  },
  onTimer: (rt, n) => fail(rt, n, 'timeout', 'no input'),
};
