import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import {
  compileFlowSet,
  defaultFlowsDir,
  type FlowSetResult,
  type IvrEffect,
  type IvrEvent,
  promptCatalogue,
  type SourceFile,
  startIvr,
  stepIvr,
} from '../../src/index';

/**
 * Flow files as an editor could leave them: any YAML or JSON document, token soup, and the shipped
 * 1357 flows mutated (a key dropped, a value replaced by another from the same file or by anything,
 * a list shuffled, the text cut or spliced). The validator answers with a runnable flow or with
 * problems that each point at a file and line, never a throw (nor its own "internal validator
 * error" net); a mutated set that still validates also runs a caller through without a throw.
 */

const prompts = promptCatalogue();
const SHIPPED: SourceFile[] = readdirSync(defaultFlowsDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => ({ file: join(defaultFlowsDir, f), text: readFileSync(join(defaultFlowsDir, f), 'utf8') }));
const NOW = new Date('2026-12-01T10:00:00+09:00');

function checkResult(result: FlowSetResult, sources: SourceFile[]): void {
  const files = new Set(sources.map((s) => s.file));
  if (result.entry) expect(result.problems).toEqual([]);
  else expect(result.problems.length).toBeGreaterThan(0);
  for (const p of result.problems) {
    expect(files.has(p.file), `problem in a file of the set: ${p.file}`).toBe(true);
    expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
    expect(p.message.length).toBeGreaterThan(0);
    expect(p.message).not.toMatch(/internal validator error/);
  }
}

/** A caller pressing keys and hearing prompts out, for a set that validated: no throw, and it ends or waits. */
function walk(result: FlowSetResult, keys: string[]): void {
  const flow = result.entry!;
  let step = startIvr(flow, { callId: 'fz', callerNumber: '01012345678' }, NOW);
  const pending = (effects: IvrEffect[]) => effects.filter((e) => e.type !== 'finish');
  let open = pending(step.effects);
  for (const key of keys) {
    if (step.effects.some((e) => e.type === 'finish')) return;
    const play = open.find((e) => e.type === 'play');
    const timer = open.find((e) => e.type === 'startTimer');
    const query = open.find((e) => e.type === 'query');
    const request = open.find((e) => e.type === 'request');
    let event: IvrEvent = { type: 'digit', digit: key };
    if (key === 'p' && play?.type === 'play') event = { type: 'promptFinished', playId: play.playId };
    else if (key === 't' && timer?.type === 'startTimer') event = { type: 'timer', timerId: timer.timerId };
    else if (query?.type === 'query')
      event =
        query.key === 'callerKnown'
          ? { type: 'fact', key: 'callerKnown', value: true }
          : { type: 'fact', key: query.key, value: 30, queue: query.queue };
    else if (request?.type === 'request') event = { type: 'requestDone', requestId: request.requestId, result: 'ok' };
    step = stepIvr(flow, step.state, event, NOW);
    open = [...open.filter((e) => e !== play && e !== timer && e !== query && e !== request), ...pending(step.effects)];
  }
}

const keys = fc.array(fc.constantFrom('0', '1', '2', '3', '4', '9', '*', '#', 'p', 'p', 't'), {
  maxLength: 40,
  size: 'max',
});

/** Values found in the shipped files (ids, prompt names, queues): swapping them in makes plausible mistakes. */
const SCALARS: unknown[] = [];
for (const s of SHIPPED) {
  const visit = (v: unknown) => {
    if (v && typeof v === 'object') for (const x of Object.values(v)) visit(x);
    else SCALARS.push(v);
  };
  visit(parseDocument(s.text).toJS());
}

type Edit =
  | { kind: 'drop'; at: number }
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'swap'; at: number; other: number }
  | { kind: 'reverse'; at: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.nat(),
    value: fc.oneof(fc.constantFrom(...SCALARS), fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, '', -1, 0.5, [])),
  }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('reverse' as const), at: fc.nat() }),
);

/** Every [container, key] in a parsed document, depth first. */
function slots(root: unknown): [Record<string | number, unknown>, string | number][] {
  const out: [Record<string | number, unknown>, string | number][] = [];
  const visit = (v: unknown) => {
    if (!v || typeof v !== 'object') return;
    for (const k of Object.keys(v)) {
      out.push([v as Record<string, unknown>, Array.isArray(v) ? Number(k) : k]);
      visit((v as Record<string, unknown>)[k]);
    }
  };
  visit(root);
  return out;
}

function mutate(text: string, edits: Edit[]): string {
  const doc: unknown = parseDocument(text).toJS();
  for (const e of edits) {
    const all = slots(doc);
    if (all.length === 0) break;
    const [o, k] = all[e.at % all.length]!;
    if (e.kind === 'drop') {
      if (Array.isArray(o)) o.splice(k as number, 1);
      else delete o[k];
    } else if (e.kind === 'set') o[k] = structuredClone(e.value);
    else if (e.kind === 'swap') {
      const [o2, k2] = all[e.other % all.length]!;
      // A value moved into itself would make a cycle: swap only leaves of different places.
      const a = o[k];
      const b = o2[k2];
      if ((a && typeof a === 'object') || (b && typeof b === 'object')) continue;
      o[k] = b;
      o2[k2] = a;
    } else if (Array.isArray(o[k])) (o[k] as unknown[]).reverse();
  }
  return stringify(doc);
}

/** Text-level damage: a cut, a splice of YAML tokens, a duplicated or deleted line. */
const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  ': ',
  '- ',
  '&a ',
  '*a',
  '!!binary ',
  '\t',
  '\n',
  '"',
  "'",
  '#',
  '---',
  '<<: *a',
  '? ',
  '|',
  '>',
  '\u0000',
  '한글',
  '  ',
  'next: ',
  'type: menu',
];
const textEdit = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    token: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })),
  }),
  fc.record({ kind: fc.constant('line' as const), at: fc.nat(), dup: fc.boolean() }),
);
type TextEdit = { kind: 'cut' | 'insert' | 'line'; at: number; token?: string; dup?: boolean };
function damage(text: string, edits: TextEdit[]): string {
  let t = text;
  for (const e of edits) {
    if (e.kind === 'cut') t = t.slice(0, e.at % (t.length + 1));
    else if (e.kind === 'insert') {
      const i = e.at % (t.length + 1);
      t = t.slice(0, i) + e.token + t.slice(i);
    } else {
      const lines = t.split('\n');
      const i = e.at % lines.length;
      if (e.dup) lines.splice(i, 0, lines[i]!);
      else lines.splice(i, 1);
      t = lines.join('\n');
    }
  }
  return t;
}

const fileIdx = fc.integer({ min: 0, max: SHIPPED.length - 1 });

describe('IVR flow files under generated documents', () => {
  it('any YAML or JSON document, or any text, alone: a flow or problems with file and line', () => {
    const doc = fc.oneof(
      fc.jsonValue().map((v) => stringify(v)),
      fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
      fc.string({ maxLength: 200 }),
      fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((t) => t.join('')),
      fc
        .record(
          { flow: fc.constantFrom('main', 'x', ''), entry: fc.jsonValue(), nodes: fc.jsonValue() },
          { requiredKeys: [] },
        )
        .map((v) => stringify(v)),
    );
    fc.assert(
      fc.property(doc, fc.constantFrom('main.yaml', 'calendar.yaml', 'x.yml'), (text, name) => {
        const sources = [{ file: join(defaultFlowsDir, name), text }];
        checkResult(compileFlowSet(sources, { prompts }), sources);
      }),
      { numRuns: 2000 },
    );
  });

  it('a shipped file mutated, on its own: a flow or problems with file and line', () => {
    let valid = 0;
    fc.assert(
      fc.property(fileIdx, fc.array(edit, { minLength: 1, maxLength: 3 }), keys, (i, edits, k) => {
        const sources = [{ file: SHIPPED[i]!.file, text: mutate(SHIPPED[i]!.text, edits) }];
        const result = compileFlowSet(sources, { prompts });
        checkResult(result, sources);
        if (result.entry) {
          valid += 1;
          walk(result, k);
        }
      }),
      { numRuns: 800 },
    );
    expect(valid).toBeGreaterThan(0); // some mutations keep a valid flow, and those were run
  });

  it('the whole shipped set with one file mutated or damaged: a flow or problems, and a valid one runs', () => {
    let valid = 0;
    const change = fc.oneof(
      fc.array(edit, { minLength: 1, maxLength: 2 }).map((edits) => (t: string) => mutate(t, edits)),
      fc.array(textEdit, { minLength: 1, maxLength: 3 }).map((edits) => (t: string) => damage(t, edits)),
    );
    fc.assert(
      fc.property(fileIdx, change, keys, (i, f, k) => {
        const sources = SHIPPED.map((s, j) => (j === i ? { file: s.file, text: f(s.text) } : s));
        const result = compileFlowSet(sources, { prompts, calendar: { alwaysOpen: true } });
        checkResult(result, sources);
        if (result.entry) {
          valid += 1;
          walk(result, k);
        }
      }),
      // A whole-set compile parses every file (about 0.1 s here, mostly YAML): fewer runs.
      { numRuns: 150 },
    );
    expect(valid).toBeGreaterThan(0);
  }, 120_000);

  // Found by the properties above: a set without any flow file passed as clean (no entry, no problem).
  it('a set without a flow is a problem, not a clean empty set', () => {
    const calendarOnly = SHIPPED.filter((s) => s.file.endsWith('calendar.yaml'));
    for (const sources of [calendarOnly, [{ file: join(defaultFlowsDir, 'main.yaml'), text: '' }]]) {
      const result = compileFlowSet(sources, { prompts });
      expect(result.entry).toBeNull();
      expect(result.problems.length).toBeGreaterThan(0);
    }
    expect(compileFlowSet([], { prompts }).problems).toEqual([
      { file: '(flow set)', line: 1, message: "no flow in the set: add one named 'main'" },
    ]);
  });
});
