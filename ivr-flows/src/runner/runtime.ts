import type { QueueId } from '@cc1357/contracts';
import type { FactKey, IvrEffect, IvrOutcome, IvrRequest, PromptRef } from './contract';
import type { CompiledFlow, IvrState, VarValue } from './types';
import type { FlowNode } from '../nodes/node-types';
import { unitOf } from '../nodes/registry';
import { promptMedia } from '../prompts/media';

/** More node entries than this in one step means a loop without input: stop the call. */
const MAX_HOPS = 200;

/** How the caller got to the node being entered; shown in the `step` effect's detail. */
export interface Via {
  from: string;
  by: string;
}

/**
 * The mutable workspace of one runner step. It works on a private copy of the state, so
 * `(state, event, now) → (state, effects)` stays pure from the outside.
 */
export class Runtime {
  readonly effects: IvrEffect[] = [];
  private hops = 0;

  constructor(
    readonly flow: CompiledFlow,
    readonly state: IvrState,
    readonly now: Date,
  ) {}

  get nodeId(): string {
    return this.state.at.node;
  }

  currentNode(): FlowNode | undefined {
    return this.flow.flows[this.state.at.flow]?.nodes[this.state.at.node];
  }

  private nextId(kind: string): string {
    this.state.seq += 1;
    return `${this.state.callId}:${kind}:${this.state.seq}`;
  }

  /** The catalogue's prompts for these ids. */
  promptRefs(ids: string[]): PromptRef[] {
    return ids.map((id) => {
      const p = this.flow.prompts[id];
      // The validator rejects unknown prompts; this fallback keeps a bad set from crashing a call.
      return p ? { ...p } : { id, text: '', media: promptMedia(id) };
    });
  }

  /** Plays prompts under a new playId; false when there is nothing to play. */
  play(ids: string[], bargeIn: boolean): boolean {
    if (ids.length === 0) return false;
    const prompts = this.promptRefs(ids);
    this.stopPlay();
    const playId = this.nextId('play');
    this.state.playId = playId;
    this.state.waiting = 'prompt';
    this.effects.push({ type: 'play', playId, prompts, bargeIn });
    return true;
  }

  stopPlay(): void {
    if (this.state.playId) this.effects.push({ type: 'stopPlay', playId: this.state.playId });
    this.state.playId = null;
  }

  startTimer(ms: number): void {
    this.cancelTimer();
    const timerId = this.nextId('timer');
    this.state.timerId = timerId;
    this.effects.push({ type: 'startTimer', timerId, ms });
  }

  cancelTimer(): void {
    if (this.state.timerId) this.effects.push({ type: 'cancelTimer', timerId: this.state.timerId });
    this.state.timerId = null;
  }

  /** Stops whatever the current node was waiting on. */
  clearWaits(): void {
    this.stopPlay();
    this.cancelTimer();
    this.state.waiting = null;
    this.state.fact = null;
    this.state.requestId = null;
  }

  awaitInput(timeoutMs: number): void {
    this.state.waiting = 'input';
    this.startTimer(timeoutMs);
  }

  query(key: FactKey, timeoutMs: number, queue?: QueueId): void {
    this.state.waiting = 'fact';
    this.state.fact = queue ? { key, queue } : { key };
    this.effects.push(queue ? { type: 'query', key, queue } : { type: 'query', key });
    this.startTimer(timeoutMs);
  }

  /** Waits for the driver to carry out `request` (no timer: the driver always answers). */
  request(request: IvrRequest, confirmation: string[]): void {
    const requestId = this.nextId('request');
    this.state.waiting = 'request';
    this.state.requestId = requestId;
    this.effects.push({ type: 'request', requestId, request, confirmation: this.promptRefs(confirmation) });
  }

  setVar(name: string, value: VarValue): void {
    this.state.vars[name] = value;
  }

  /** Leaves the current node for `target` in the same flow; a barge-in digit travels along. */
  goto(target: string, via: string, bargeDigit: string | null = null): void {
    const from = this.state.at.node;
    this.clearWaits();
    this.state.at = { flow: this.state.at.flow, node: target };
    this.enterCurrent({ from, by: via }, bargeDigit);
  }

  enterCurrent(via: Via | null, bargeDigit: string | null = null): void {
    this.hops += 1;
    if (this.hops > MAX_HOPS) return this.finish({ kind: 'hangup', reason: 'loop-guard' });
    const node = this.currentNode();
    if (!node) return this.finish({ kind: 'hangup', reason: 'flow-error' });
    this.state.attempts = 0;
    this.state.digits = '';
    this.state.path.push(this.state.at.node);
    const detail: Record<string, unknown> = { flow: this.state.at.flow };
    if (via) Object.assign(detail, via);
    this.effects.push({ type: 'step', nodeId: this.state.at.node, nodeType: node.type, detail });
    unitOf(node.type)?.enter(this, node, bargeDigit);
  }

  callSubflow(flowId: string, next: string | null): void {
    const target = this.flow.flows[flowId];
    if (!target) return this.finish({ kind: 'hangup', reason: 'flow-error' });
    const from = this.state.at.node;
    this.clearWaits();
    this.state.stack.push({ flow: this.state.at.flow, next });
    this.state.at = { flow: flowId, node: target.entry };
    this.enterCurrent({ from, by: `call ${flowId}` });
  }

  returnToCaller(): void {
    const frame = this.state.stack.pop();
    if (!frame || frame.next === null) return this.finish({ kind: 'hangup', reason: 'flow-error' });
    const from = this.state.at.node;
    this.clearWaits();
    this.state.at = { flow: frame.flow, node: frame.next };
    this.enterCurrent({ from, by: 'return' });
  }

  /** Records a menu visit; revisiting an earlier menu forgets what came after it. */
  markMenu(): void {
    const { flow, node } = this.state.at;
    const i = this.state.menus.findIndex((m) => m.flow === flow && m.node === node);
    if (i >= 0) this.state.menus.splice(i + 1);
    else this.state.menus.push({ flow, node, stack: this.state.stack.map((f) => ({ ...f })) });
  }

  /** `#`: back to the menu before the current one. False when there is none. */
  backToPreviousMenu(): boolean {
    if (this.state.menus.length < 2) return false;
    this.state.menus.pop();
    const prev = this.state.menus[this.state.menus.length - 1]!;
    const from = this.state.at.node;
    this.clearWaits();
    this.state.stack = prev.stack.map((f) => ({ ...f }));
    this.state.at = { flow: prev.flow, node: prev.node };
    this.enterCurrent({ from, by: 'back #' });
    return true;
  }

  finish(outcome: IvrOutcome): void {
    if (this.state.done) return;
    this.clearWaits();
    this.state.done = true;
    this.effects.push({ type: 'finish', outcome, path: [...this.state.path], vars: { ...this.state.vars } });
  }
}
