import { z } from 'zod';
import { NodeId } from '../schema/common';
import type { NodeUnit } from './unit';

export const SubflowNode = z.strictObject({
  type: z.literal('subflow'),
  /** Id of the flow to run. */
  flow: z.string().min(1),
  /** Where to continue when the sub-flow reaches a `return` node. */
  next: NodeId.optional(),
  label: z.string().optional(),
});
export type SubflowNode = z.infer<typeof SubflowNode>;

/** Runs another flow; its `return` comes back to `next`. */
export const subflow: NodeUnit<SubflowNode> = {
  type: 'subflow',
  schema: SubflowNode,
  waitsForInput: false,
  edges: (n) => (n.next ? [{ label: 'next', target: n.next, path: ['next'] }] : []),
  prompts: () => [],
  enter: (rt, n) => rt.callSubflow(n.flow, n.next ?? null),
};

export const ReturnNode = z.strictObject({
  type: z.literal('return'),
  label: z.string().optional(),
});
export type ReturnNode = z.infer<typeof ReturnNode>;

/** Ends a sub-flow: back to the caller's `next`. */
export const returnNode: NodeUnit<ReturnNode> = {
  type: 'return',
  schema: ReturnNode,
  waitsForInput: false,
  edges: () => [],
  prompts: () => [],
  enter: (rt) => rt.returnToCaller(),
};
