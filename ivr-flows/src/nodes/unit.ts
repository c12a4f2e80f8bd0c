import type { z } from 'zod';
import type { FactKey, IvrRequestResult } from '../runner/contract';
import type { Runtime } from '../runner/runtime';
import type { Finding, YamlPath } from '../schema/common';

/** An outgoing edge of a node, for the validator's graph checks. */
export interface Edge {
  label: string;
  target: string;
  path: YamlPath;
}

/** What a node's own semantic check may look at besides the node. */
export interface CheckContext {
  nodeId: string;
  /** Path of the node inside its file, e.g. ['nodes', 'main-menu']. */
  at: YamlPath;
}

/**
 * One IVR node type: its schema, what the validator needs to know about it, and how it steps.
 * The runner calls the handlers with a Runtime that owns state changes and effects.
 */
export interface NodeUnit<N extends { type: string } = { type: string }> {
  type: N['type'];
  schema: z.ZodType<N>;
  /** Waits for caller input (menu, collect): a loop through such a node is not a busy loop. */
  waitsForInput: boolean;
  edges(node: N): Edge[];
  prompts(node: N): Array<{ id: string; path: YamlPath }>;
  check?(node: N, cx: CheckContext): Finding[];
  enter(rt: Runtime, node: N, bargeDigit: string | null): void;
  onPromptFinished?(rt: Runtime, node: N): void;
  onDigit?(rt: Runtime, node: N, digit: string): void;
  onTimer?(rt: Runtime, node: N): void;
  onFact?(rt: Runtime, node: N, key: FactKey, value: unknown): void;
  onRequestDone?(rt: Runtime, node: N, result: IvrRequestResult): void;
}

export function promptsAt(ids: string[] | undefined, ...path: Array<string | number>) {
  return (ids ?? []).map((id, i) => ({ id, path: [...path, i] }));
}
