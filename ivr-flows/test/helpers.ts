import { compileFlowSet, type SourceFile } from '../src/validate/flow-set';
import { startIvr, stepIvr } from '../src/runner/machine';
import type { IvrEffect, IvrEvent } from '../src/runner/contract';
import type { CataloguePrompt, CompiledFlow, IvrState } from '../src/runner/types';
import type { BusinessCalendar } from '../src/calendar/calendar';

export const TEST_PROMPTS: CataloguePrompt[] = [
  'hello',
  'menu',
  'invalid',
  'noinput',
  'bye',
  'enter',
  'bad',
  'connect',
  'info',
].map((id) => ({
  id,
  text: `text of ${id}`,
  media: `sound:cc1357/ko/${id}`,
  durationMs: 1000,
}));

/** Compiles YAML flow texts (file name → text) into a runnable set; throws on problems. */
export function buildFlow(files: Record<string, string>, calendar?: Partial<BusinessCalendar>): CompiledFlow {
  const sources: SourceFile[] = Object.entries(files).map(([file, text]) => ({ file, text }));
  const result = compileFlowSet(sources, { prompts: TEST_PROMPTS, calendar });
  if (!result.entry) throw new Error(result.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'));
  return result.entry;
}

/** One effect as a short string, so tables stay readable. */
export function summarize(e: IvrEffect): string {
  switch (e.type) {
    case 'play':
      return `play ${e.prompts.map((p) => p.id).join('+')}${e.bargeIn ? ' barge' : ''}`;
    case 'stopPlay':
      return 'stopPlay';
    case 'startTimer':
      return `timer ${e.ms}`;
    case 'cancelTimer':
      return 'cancelTimer';
    case 'query':
      return `query ${e.key}${e.queue ? ` ${e.queue}` : ''}`;
    case 'step':
      return `step ${e.nodeId}`;
    case 'request': {
      const r = e.request;
      return `request ${r.kind} ${r.kind === 'callback' ? r.queue : r.topic} ${r.number}`;
    }
    case 'finish': {
      const o = e.outcome;
      const what =
        o.kind === 'queue'
          ? `${o.queue} ${o.priority}`
          : o.kind === 'transfer'
            ? o.partner
            : o.kind === 'callback'
              ? `${o.queue} ${o.number}`
              : o.kind === 'sms'
                ? `${o.topic} ${o.number}`
                : o.reason;
      return `finish ${o.kind} ${what}`;
    }
  }
}

/**
 * Symbolic events: `done` (current prompt finished), `timeout` (current timer fired), `d 1`
 * (digit), `fact callerKnown true`, `fact ewt 600`, `stale-play`, `stale-timer`, `answer ok` (the
 * pending request's result).
 */
export function eventOf(spec: string, state: IvrState): IvrEvent {
  const [kind, a, b] = spec.split(' ');
  switch (kind) {
    case 'done':
      return { type: 'promptFinished', playId: state.playId ?? 'none' };
    case 'timeout':
      return { type: 'timer', timerId: state.timerId ?? 'none' };
    case 'd':
      return { type: 'digit', digit: a! };
    case 'fact':
      return a === 'ewt'
        ? { type: 'fact', key: 'estimatedWaitSeconds', value: Number(b) }
        : { type: 'fact', key: 'callerKnown', value: b === 'true' };
    case 'stale-play':
      return { type: 'promptFinished', playId: 'old-play' };
    case 'stale-timer':
      return { type: 'timer', timerId: 'old-timer' };
    case 'answer':
      return {
        type: 'requestDone',
        requestId: state.requestId ?? 'none',
        result: a as Extract<IvrEvent, { type: 'requestDone' }>['result'],
      };
    default:
      throw new Error(`bad event spec ${spec}`);
  }
}

export const AT_OPEN = new Date('2026-12-01T10:00:00+09:00');

/** Runs a table: start, then each event; returns the summarized effects per row. */
export function runTable(
  flow: CompiledFlow,
  events: string[],
  opts: { caller?: string | null; vars?: Record<string, string | number | boolean>; now?: Date } = {},
) {
  const now = opts.now ?? AT_OPEN;
  let step = startIvr(
    flow,
    { callId: 'c1', callerNumber: opts.caller === undefined ? '0212345678' : opts.caller, vars: opts.vars },
    now,
  );
  const rows: string[][] = [step.effects.map(summarize)];
  for (const spec of events) {
    step = stepIvr(flow, step.state, eventOf(spec, step.state), now);
    rows.push(step.effects.map(summarize));
  }
  return { rows, state: step.state };
}
