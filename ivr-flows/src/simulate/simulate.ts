import type { IvrEvent, IvrEffect, IvrOutcome } from '../runner/contract';
import type { CompiledFlow } from '../runner/types';
import { startIvr, stepIvr } from '../runner/machine';

export interface SimulateOptions {
  /** Digit groups: each group is typed at the next point where the IVR waits for input. */
  digits: string[];
  at: Date;
  caller: string | null;
  /** Answer to `callerKnown` queries. */
  known: boolean;
  /** Answer to `estimatedWaitSeconds` queries, for every queue. */
  ewtSeconds: number;
  /** Type the next digit group during a barge-in prompt instead of after it. */
  bargeIn?: boolean;
}

export interface SimulationResult {
  lines: string[];
  outcome: IvrOutcome | null;
  path: string[];
}

export function describeOutcome(o: IvrOutcome): string {
  switch (o.kind) {
    case 'queue':
      return `queue ${o.queue} (priority ${o.priority})`;
    case 'transfer':
      return `transfer to partner ${o.partner}`;
    case 'callback':
      return `callback request${o.queue ? ` for ${o.queue}` : ''} to ${o.number ?? '(no number)'}`;
    case 'sms':
      return `sms '${o.topic}' to ${o.number ?? '(no number)'}`;
    case 'hangup':
      return `hangup (${o.reason})`;
  }
}

/**
 * Drives the pure runner the way telephony would, with a virtual clock: prompts play to the end
 * (or are cut by barge-in), digits are typed where input is awaited, timers fire when nothing
 * else can happen, queries are answered from the options.
 */
export function simulate(flow: CompiledFlow, options: SimulateOptions): SimulationResult {
  const lines: string[] = [];
  let now = options.at.getTime();
  const groups = options.digits.map((g) => [...g]);
  let typing: string[] = [];
  const pending: IvrEvent[] = [];
  const timers = new Map<string, { due: number; ms: number }>();
  // A holder object: closures assign it, and TypeScript's narrowing of a `let` would not see that.
  const media: { play: { playId: string; ms: number; bargeIn: boolean } | null } = { play: null };
  let outcome: IvrOutcome | null = null;
  let path: string[] = [];
  let vars: Record<string, unknown> = {};

  const handle = (effects: IvrEffect[]) => {
    for (const e of effects) {
      switch (e.type) {
        case 'step': {
          const via = e.detail.from ? `  ← ${String(e.detail.from)}: ${String(e.detail.by)}` : '';
          lines.push(`→ ${e.nodeId} [${e.nodeType}]${via}`);
          break;
        }
        case 'play':
          for (const p of e.prompts) lines.push(`  ♪ ${p.id}: ${p.text}`);
          media.play = {
            playId: e.playId,
            ms: e.prompts.reduce((t, p) => t + (p.durationMs ?? 0), 0),
            bargeIn: e.bargeIn,
          };
          break;
        case 'stopPlay':
          lines.push('  ■ prompt stopped');
          media.play = null;
          break;
        case 'startTimer':
          timers.set(e.timerId, { due: now + e.ms, ms: e.ms });
          break;
        case 'cancelTimer':
          timers.delete(e.timerId);
          break;
        case 'query': {
          const value = e.key === 'callerKnown' ? options.known : options.ewtSeconds;
          lines.push(`  ? ${e.key}${e.queue ? `(${e.queue})` : ''} = ${String(value)}`);
          pending.push(
            e.queue ? { type: 'fact', key: e.key, value, queue: e.queue } : { type: 'fact', key: e.key, value },
          );
          break;
        }
        case 'request':
          // Requests are taken: the simulator shows the flow, not crm-api (the confirmation prints as it plays).
          pending.push({ type: 'requestDone', requestId: e.requestId, result: 'ok' });
          break;
        case 'finish':
          outcome = e.outcome;
          path = e.path;
          vars = e.vars ?? {};
          break;
      }
    }
  };

  let step = startIvr(flow, { callId: 'sim', callerNumber: options.caller }, new Date(now));
  handle(step.effects);
  for (let i = 0; i < 10_000 && !outcome; i++) {
    const state = step.state;
    const current = media.play;
    let event: IvrEvent;
    if (pending.length) event = pending.shift()!;
    else if (typing.length) {
      const digit = typing.shift()!;
      event = { type: 'digit', digit };
    } else if (groups.length && (state.waiting === 'input' || (options.bargeIn && current?.bargeIn))) {
      typing = groups.shift()!;
      lines.push(`  ⌨ ${typing.join('')}`);
      continue;
    } else if (current) {
      now += current.ms;
      media.play = null;
      event = { type: 'promptFinished', playId: current.playId };
    } else if (timers.size) {
      const [timerId, t] = [...timers.entries()].sort((a, b) => a[1].due - b[1].due)[0]!;
      timers.delete(timerId);
      now = Math.max(now, t.due);
      lines.push(`  ⏱ ${t.ms} ms passed`);
      event = { type: 'timer', timerId };
    } else {
      lines.push('! stalled: the IVR waits for nothing the simulator can give');
      break;
    }
    step = stepIvr(flow, state, event, new Date(now));
    handle(step.effects);
  }
  if (outcome) {
    lines.push(`= ${describeOutcome(outcome)}`);
    lines.push(`path: ${path.join(' › ')}`);
    const shown = Object.entries(vars).map(([k, v]) => `${k}=${String(v)}`);
    if (shown.length) lines.push(`vars: ${shown.join(' ')}`);
  }
  if (groups.length || typing.length)
    lines.push(`! unused digits: ${[...typing.join(''), ...groups.map((g) => g.join(''))].filter(Boolean).join(',')}`);
  return { lines, outcome, path };
}
