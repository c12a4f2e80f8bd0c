import { z } from 'zod';
import { QUEUE_IDS, type QueueId } from '@cc1357/contracts';
import { NodeId, PositiveMs, VarName, type Finding } from '../schema/common';
import type { Runtime } from '../runner/runtime';
import { holidayNames, isBusinessOpen, localTime } from '../calendar/calendar';
import { isKoreanMobile } from '../validators/index';
import type { NodeUnit } from './unit';

export const CONDITION_CHECKS = [
  'businessHours',
  'holiday',
  'callerKnown',
  'waitAbove',
  'var',
  'hasCallerNumber',
  'callerMobile',
] as const;

export const ConditionNode = z.strictObject({
  type: z.literal('condition'),
  /** What to test; see CONDITION_CHECKS. */
  check: z.string(),
  /** waitAbove: the queue and the threshold in seconds. */
  queue: z.string().optional(),
  seconds: z.number().int().min(0).optional(),
  /** var: the variable, and the value it must equal (without `equals`: it must be set). */
  var: VarName.optional(),
  equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
  /** How long to wait for the driver's answer to a fact query; no answer means `else`. */
  factTimeoutMs: PositiveMs.default(3000),
  then: NodeId,
  else: NodeId,
  label: z.string().optional(),
});
export type ConditionNode = z.infer<typeof ConditionNode>;

function branch(rt: Runtime, n: ConditionNode, yes: boolean, why: string): void {
  rt.goto(yes ? n.then : n.else, `${yes ? 'then' : 'else'} (${why})`);
}

function decideFact(rt: Runtime, n: ConditionNode, value: unknown): void {
  if (n.check === 'callerKnown') {
    const known = value === true;
    rt.setVar('callerKnown', known);
    return branch(rt, n, known, `callerKnown=${known}`);
  }
  const ewt = typeof value === 'number' && Number.isFinite(value) ? value : null;
  return branch(rt, n, ewt !== null && ewt > (n.seconds ?? 0), `ewt ${ewt ?? 'unknown'}s vs ${n.seconds ?? 0}s`);
}

/** Branches on business hours, a CRM fact, a queue's estimated wait or a variable. */
export const condition: NodeUnit<ConditionNode> = {
  type: 'condition',
  schema: ConditionNode,
  waitsForInput: false,
  edges: (n) => [
    { label: 'then', target: n.then, path: ['then'] },
    { label: 'else', target: n.else, path: ['else'] },
  ],
  prompts: () => [],
  check(n, cx) {
    const out: Finding[] = [];
    const here = (field: string) => [...cx.at, field];
    if (!(CONDITION_CHECKS as readonly string[]).includes(n.check)) {
      out.push({
        path: here('check'),
        message: `condition '${cx.nodeId}': unknown check '${n.check}' (known: ${CONDITION_CHECKS.join(', ')})`,
      });
    }
    if (n.check === 'waitAbove') {
      if (n.queue === undefined)
        out.push({ path: cx.at, message: `condition '${cx.nodeId}': waitAbove needs a queue` });
      else if (!(QUEUE_IDS as readonly string[]).includes(n.queue)) {
        out.push({
          path: here('queue'),
          message: `condition '${cx.nodeId}': unknown queue '${n.queue}' (known: ${QUEUE_IDS.join(', ')})`,
        });
      }
      if (n.seconds === undefined)
        out.push({ path: cx.at, message: `condition '${cx.nodeId}': waitAbove needs seconds` });
    }
    if (n.check === 'var' && n.var === undefined)
      out.push({ path: cx.at, message: `condition '${cx.nodeId}': check var needs a var` });
    if (n.then === n.else)
      out.push({ path: here('else'), message: `condition '${cx.nodeId}': then and else both go to '${n.then}'` });
    return out;
  },
  enter(rt, n) {
    const vars = rt.state.vars;
    switch (n.check) {
      case 'businessHours': {
        const open = isBusinessOpen(rt.now, rt.flow.calendar);
        return branch(rt, n, open, open ? 'open' : 'closed');
      }
      case 'holiday': {
        const names = holidayNames(localTime(rt.now, rt.flow.calendar.timezone).date, rt.flow.calendar);
        return branch(rt, n, names !== null, names ? names.join(', ') : 'not a holiday');
      }
      case 'callerKnown':
        // The CRM prefetch may have answered already (start vars); otherwise ask the driver.
        if (typeof vars.callerKnown === 'boolean')
          return branch(rt, n, vars.callerKnown, `callerKnown=${vars.callerKnown}`);
        return rt.query('callerKnown', n.factTimeoutMs);
      case 'waitAbove':
        // The validator accepts only contracts' queues (check above).
        return rt.query('estimatedWaitSeconds', n.factTimeoutMs, n.queue as QueueId | undefined);
      case 'var': {
        const value = n.var === undefined ? undefined : vars[n.var];
        const yes = n.equals === undefined ? value !== undefined : value === n.equals;
        return branch(rt, n, yes, `${n.var}=${value === undefined ? '(unset)' : String(value)}`);
      }
      case 'hasCallerNumber':
        return branch(
          rt,
          n,
          rt.state.callerNumber !== null,
          rt.state.callerNumber ? 'caller number present' : 'number withheld',
        );
      case 'callerMobile': {
        const mobile = rt.state.callerNumber !== null && isKoreanMobile(rt.state.callerNumber);
        return branch(rt, n, mobile, mobile ? 'mobile caller' : 'not a mobile');
      }
      default:
        return branch(rt, n, false, `unknown check ${n.check}`);
    }
  },
  onFact(rt, n, key, value) {
    const expected = n.check === 'callerKnown' ? 'callerKnown' : 'estimatedWaitSeconds';
    if (key !== expected) return;
    decideFact(rt, n, value);
  },
  onTimer(rt, n) {
    if (rt.state.waiting === 'fact') branch(rt, n, false, 'no answer to query');
  },
};
