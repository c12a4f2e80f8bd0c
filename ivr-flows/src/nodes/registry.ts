import type { NodeUnit } from './unit';
import { play } from './play';
import { menu } from './menu';
import { collect } from './collect';
import { condition } from './condition';
import { set } from './set';
import { subflow, returnNode } from './subflow';
import { callback, hangup, queue, sms, transfer } from './terminal';

/** Every node type of the flow language, by its `type` name. */
export const NODE_UNITS: Record<string, NodeUnit<never>> = Object.fromEntries(
  [play, menu, collect, condition, set, subflow, returnNode, queue, transfer, callback, sms, hangup].map((u) => [u.type, u as unknown as NodeUnit<never>]),
);
export const NODE_TYPES = Object.keys(NODE_UNITS);

export function unitOf(type: string): NodeUnit<never> | undefined {
  return Object.hasOwn(NODE_UNITS, type) ? NODE_UNITS[type] : undefined;
}
