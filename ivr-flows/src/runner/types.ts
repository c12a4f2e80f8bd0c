import type { FactKey, PromptRef } from './contract';
import type { BusinessCalendar } from '../calendar/calendar';
import type { FlowNode } from '../nodes/node-types';

/** A prompt as the catalogue knows it; `durationMs` is always filled in there. */
export interface CataloguePrompt extends PromptRef {
  durationMs: number;
}

export interface FlowDefinition {
  id: string;
  entry: string;
  description?: string;
  nodes: Record<string, FlowNode>;
}

/**
 * A validated flow set, ready to run. Plain data: telephony keeps one per call so a hot reload
 * never changes the menu under a caller's feet.
 */
export interface CompiledFlow {
  /** Content hash of every file that shaped this set (flows, calendar, prompt texts). */
  version: string;
  entryFlow: string;
  flows: Record<string, FlowDefinition>;
  prompts: Record<string, CataloguePrompt>;
  calendar: BusinessCalendar;
}

export type VarValue = string | number | boolean;

/** Where to continue when a sub-flow returns. */
export interface ReturnFrame {
  flow: string;
  next: string | null;
}

/** A menu the caller has seen, with the call stack it ran under (so `#` can go back). */
export interface MenuMark {
  flow: string;
  node: string;
  stack: ReturnFrame[];
}

/** The runner's whole memory of one call: plain JSON (telephony may keep it in Redis). */
export interface IvrState {
  v: 1;
  callId: string;
  callerNumber: string | null;
  flowVersion: string;
  done: boolean;
  at: { flow: string; node: string };
  stack: ReturnFrame[];
  menus: MenuMark[];
  /** What the current node waits for. */
  waiting: 'prompt' | 'input' | 'fact' | 'request' | null;
  playId: string | null;
  timerId: string | null;
  fact: { key: FactKey; queue?: string } | null;
  /** The request the current node waits on. */
  requestId: string | null;
  /** Failed attempts at the current menu/collect node. */
  attempts: number;
  /** Digits collected so far by a collect node. */
  digits: string;
  /** Counter for unique play/timer ids. */
  seq: number;
  vars: Record<string, VarValue>;
  path: string[];
}
