import type { NodeUnit } from './unit';
import type { FlowNode } from './node-types';
import { play } from './play';
import { menu } from './menu';
import { collect } from './collect';
import { condition } from './condition';
import { set } from './set';
import { subflow, returnNode } from './subflow';
import { callback, hangup, queue, sms, transfer } from './terminal';

export type NodeType = FlowNode['type'];
export type NodeOf<T extends NodeType> = Extract<FlowNode, { type: T }>;

/**
 * Every node type of the flow language and its unit, keyed by `type`: a node type without a unit,
 * or a unit for the wrong node, is a compile error here.
 */
const NODE_UNITS: { readonly [T in NodeType]: NodeUnit<NodeOf<T>> } = {
  play,
  menu,
  collect,
  condition,
  set,
  subflow,
  return: returnNode,
  queue,
  transfer,
  callback,
  sms,
  hangup,
};
export const NODE_TYPES: readonly NodeType[] = Object.keys(NODE_UNITS).filter(isNodeType);

export function isNodeType(type: string): type is NodeType {
  return Object.hasOwn(NODE_UNITS, type);
}

/** The unit of a node type, typed for that type's node (the lookup follows the key: no cast). */
function unitOfType<T extends NodeType>(type: T): NodeUnit<NodeOf<T>> {
  return NODE_UNITS[type];
}

/**
 * The unit for a node's `type`, or undefined for a type the language does not have (a state from
 * another flow version, raw YAML). Called with the node's own type, it takes that node.
 */
export function unitOf(type: string): NodeUnit<FlowNode> | undefined {
  return isNodeType(type) ? unitOfType(type) : undefined;
}
