import type { PlayNode } from './play';
import type { MenuNode } from './menu';
import type { CollectNode } from './collect';
import type { ConditionNode } from './condition';
import type { SetNode } from './set';
import type { ReturnNode, SubflowNode } from './subflow';
import type { CallbackNode, HangupNode, QueueNode, SmsNode, TransferNode } from './terminal';

export type {
  PlayNode,
  MenuNode,
  CollectNode,
  ConditionNode,
  SetNode,
  ReturnNode,
  SubflowNode,
  CallbackNode,
  HangupNode,
  QueueNode,
  SmsNode,
  TransferNode,
};

/** Any node of the flow language, after schema parsing (defaults filled in). */
export type FlowNode =
  | PlayNode
  | MenuNode
  | CollectNode
  | ConditionNode
  | SetNode
  | SubflowNode
  | ReturnNode
  | QueueNode
  | TransferNode
  | CallbackNode
  | SmsNode
  | HangupNode;
