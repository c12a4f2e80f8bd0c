import { z } from 'zod';
import { NodeId, VarName } from '../schema/common';
import type { NodeUnit } from './unit';

export const SetNode = z.strictObject({
  type: z.literal('set'),
  var: VarName,
  value: z.union([z.string(), z.number(), z.boolean()]),
  next: NodeId,
  label: z.string().optional(),
});
export type SetNode = z.infer<typeof SetNode>;

/** Sets a call variable (conditions and later nodes read it). */
export const set: NodeUnit<SetNode> = {
  type: 'set',
  schema: SetNode,
  waitsForInput: false,
  edges: (n) => [{ label: 'next', target: n.next, path: ['next'] }],
  prompts: () => [],
  enter(rt, n, bargeDigit) {
    rt.setVar(n.var, n.value);
    rt.goto(n.next, `${n.var}=${String(n.value)}`, bargeDigit);
  },
};
