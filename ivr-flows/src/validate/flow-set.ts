import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { CataloguePrompt, CompiledFlow, FlowDefinition } from '../runner/types';
import type { Finding, Problem, RankedProblem } from '../schema/common';
import { DEFAULT_CALENDAR, type BusinessCalendar } from '../calendar/calendar';
import { CalendarFile, compileCalendar } from '../calendar/calendar-file';
import { unitOf } from '../nodes/registry';
import type { SubflowNode } from '../nodes/subflow';
import { knownSmsTopic } from '../nodes/terminal';
import { YamlSource } from './yaml-source';
import { parseFlowData, zodFindings } from './flow-file';
import { checkFlowGraph } from './graph';
import { nearMiss } from './near-miss';

export interface SourceFile {
  file: string;
  text: string;
}

export interface FlowSetOptions {
  /** Flow to start calls in; default `main`, or the only flow of a one-flow set. */
  entryFlow?: string;
  /** The prompt catalogue flows may use (default: the shipped one). */
  prompts: CataloguePrompt[];
  /** Problems of the prompt text file itself, reported with the set. */
  promptProblems?: Problem[];
  /** Prompt ids that have a generated WAV; when given, a prompt without audio is a problem. */
  audio?: ReadonlySet<string>;
  /** Overrides applied on top of calendar.yaml (e.g. `{ alwaysOpen: true }` in tests). */
  calendar?: Partial<BusinessCalendar>;
}

export interface FlowSetResult {
  version: string;
  flows: Record<string, FlowDefinition>;
  /** The runnable set; null when there are problems. */
  entry: CompiledFlow | null;
  problems: Problem[];
}

export const CALENDAR_FILE = 'calendar.yaml';

interface Parsed {
  source: YamlSource;
  flow: FlowDefinition;
}

/** Root causes first (by file and line), then what follows from them; the rank is not part of a Problem. */
function sortProblems(problems: RankedProblem[]): Problem[] {
  return [...problems]
    .sort(
      (a, b) =>
        Number(a.followOn ?? false) - Number(b.followOn ?? false) ||
        a.file.localeCompare(b.file) ||
        a.line - b.line ||
        a.message.localeCompare(b.message),
    )
    .map(({ file, line, message }) => ({ file, line, message }));
}

export function versionOf(sources: SourceFile[], options: FlowSetOptions): string {
  const hash = createHash('sha256');
  for (const s of [...sources].sort((a, b) => basename(a.file).localeCompare(basename(b.file)))) {
    hash.update(basename(s.file)).update('\0').update(s.text).update('\0');
  }
  hash.update(JSON.stringify(options.prompts.map((p) => [p.id, p.text])));
  hash.update(JSON.stringify(options.calendar ?? {}));
  return hash.digest('hex').slice(0, 12);
}

/**
 * Validates a set of flow files together (cross-file references, one entry flow) and compiles
 * it when clean. Never throws: every defect, however odd the input, is a Problem.
 */
export function compileFlowSet(sources: SourceFile[], options: FlowSetOptions): FlowSetResult {
  try {
    return compileUnguarded(sources, options);
  } catch (error) {
    // A validator bug must not take the caller down; the fuzz test keeps this branch unused.
    const file = sources[0]?.file ?? '(flow set)';
    return {
      version: '',
      flows: {},
      entry: null,
      problems: [{ file, line: 1, message: `internal validator error: ${String(error)}` }],
    };
  }
}

function compileUnguarded(sources: SourceFile[], options: FlowSetOptions): FlowSetResult {
  const problems: RankedProblem[] = [...(options.promptProblems ?? [])];
  const parsed: Parsed[] = [];
  let calendar: BusinessCalendar = DEFAULT_CALENDAR;
  const version = versionOf(sources, options);

  for (const { file, text } of sources) {
    const source = new YamlSource(file, text);
    problems.push(...source.problems);
    if (source.problems.length) continue;
    const report = (fs: Finding[]) => problems.push(...fs.map((f) => source.finding(f)));

    if (basename(file) === CALENDAR_FILE || basename(file).endsWith('.calendar.yaml')) {
      const c = CalendarFile.safeParse(source.data ?? {});
      if (!c.success) report(zodFindings(c.error, [], 'calendar'));
      else {
        const compiled = compileCalendar(c.data);
        report(compiled.findings);
        calendar = compiled.calendar;
      }
      continue;
    }

    const { flow, findings } = parseFlowData(source.data);
    report(findings);
    if (!flow) continue;
    const raw = (source.data as { nodes: Record<string, unknown> }).nodes;
    report(checkFlowGraph(flow, new Set(Object.keys(raw))));
    parsed.push({ source, flow });
  }

  problems.push(...checkSet(parsed, options));
  // No flow at all (an empty folder, only calendar.yaml) must say so, not pass as a clean set.
  if (parsed.length === 0 && problems.length === 0)
    problems.push({
      file: sources[0]?.file ?? '(flow set)',
      line: 1,
      message: "no flow in the set: add one named 'main'",
    });
  const flows = Object.fromEntries(parsed.map((p) => [p.flow.id, p.flow]));
  const entryFlow = chooseEntry(parsed, options);
  if (problems.length > 0 || !entryFlow) {
    return { version, flows, entry: null, problems: sortProblems(problems) };
  }
  const entry: CompiledFlow = {
    version,
    entryFlow,
    flows,
    prompts: Object.fromEntries(options.prompts.map((p) => [p.id, p])),
    calendar: { ...calendar, ...options.calendar },
  };
  return { version, flows, entry, problems: [] };
}

function chooseEntry(parsed: Parsed[], options: FlowSetOptions): string | null {
  if (options.entryFlow) return parsed.some((p) => p.flow.id === options.entryFlow) ? options.entryFlow : null;
  if (parsed.some((p) => p.flow.id === 'main')) return 'main';
  return parsed.length === 1 ? parsed[0]!.flow.id : null;
}

/** Checks that need every file: ids, sub-flow calls, prompts, the entry flow. */
function checkSet(parsed: Parsed[], options: FlowSetOptions): RankedProblem[] {
  const problems: RankedProblem[] = [];
  const at = (p: Parsed, f: Finding) => problems.push(p.source.finding(f));
  const byId = new Map<string, Parsed>();
  const nodeOwner = new Map<string, string>();
  const prompts = new Set(options.prompts.map((p) => p.id));

  for (const p of parsed) {
    const other = byId.get(p.flow.id);
    if (other)
      at(p, { path: ['flow'], message: `duplicate flow id '${p.flow.id}' (also in ${basename(other.source.file)})` });
    else byId.set(p.flow.id, p);
    for (const id of Object.keys(p.flow.nodes)) {
      const owner = nodeOwner.get(id);
      if (owner !== undefined && owner !== p.flow.id) {
        at(p, {
          path: ['nodes', id],
          message: `node id '${id}' is also used in flow '${owner}' (node ids are unique across the set)`,
        });
      } else nodeOwner.set(id, p.flow.id);
    }
  }

  const entryFlow = chooseEntry(parsed, options);
  if (parsed.length > 0 && !entryFlow) {
    const first = parsed[0]!;
    const message = options.entryFlow
      ? `entry flow '${options.entryFlow}' is not in the set`
      : "no entry flow: name one flow 'main'";
    at(first, { path: ['flow'], message });
  }

  const calls = new Map<string, string[]>();
  const called = new Set<string>();
  const unknownCalls: Array<{ p: Parsed; id: string; flow: string }> = [];
  const canReturn = (flowId: string) =>
    Object.values(byId.get(flowId)?.flow.nodes ?? {}).some((n) => n.type === 'return');

  for (const p of parsed) {
    const out: string[] = [];
    for (const [id, node] of Object.entries(p.flow.nodes)) {
      const unit = unitOf(node.type);
      for (const ref of unit?.prompts(node) ?? []) {
        const path = ['nodes', id, ...ref.path];
        if (!prompts.has(ref.id)) at(p, { path, message: `prompt '${ref.id}' has no text in the prompt catalogue` });
        else if (options.audio && !options.audio.has(ref.id))
          at(p, { path, message: `prompt '${ref.id}' has no audio (run: npm run prompts -w @cc1357/ivr-flows)` });
      }
      if (node.type === 'return' && p.flow.id === entryFlow) {
        at(p, {
          path: ['nodes', id],
          message: `node '${id}': return outside a sub-flow (flow '${p.flow.id}' is the entry flow)`,
        });
      }
      if (node.type === 'subflow') {
        const call = node as SubflowNode;
        called.add(call.flow);
        out.push(call.flow);
        if (!byId.has(call.flow)) unknownCalls.push({ p, id, flow: call.flow });
        else if (!call.next && canReturn(call.flow)) {
          at(p, {
            path: ['nodes', id],
            message: `node '${id}': sub-flow '${call.flow}' can return but the call has no next`,
          });
        }
      }
    }
    calls.set(p.flow.id, out);
  }

  const smsTopicVars = topicVars(parsed);
  for (const p of parsed) for (const f of checkTopicWrites(p, smsTopicVars)) at(p, f);

  // Root cause first: a mistyped sub-flow names the flow it most likely meant, which is then
  // not reported again as never called.
  const neverCalled = parsed.filter((p) => entryFlow && p.flow.id !== entryFlow && !called.has(p.flow.id));
  const explained = new Set<string>();
  for (const { p, id, flow } of unknownCalls) {
    const meant = nearMiss(flow, byId.keys());
    if (meant && neverCalled.some((p) => p.flow.id === meant)) explained.add(meant);
    at(p, {
      path: ['nodes', id, 'flow'],
      message: `node '${id}': unknown sub-flow '${flow}'${meant ? ` — did you mean '${meant}'?` : ''}`,
    });
  }
  for (const p of neverCalled) {
    if (!explained.has(p.flow.id))
      at(p, {
        path: ['flow'],
        message: `flow '${p.flow.id}' is never called`,
        ...(unknownCalls.length > 0 ? { followOn: true } : {}),
      });
  }

  // Sub-flow calls must not recurse: the call stack would grow without bound.
  const reported = new Set<string>();
  const walk = (flowId: string, trail: string[]): void => {
    for (const next of calls.get(flowId) ?? []) {
      if (trail.includes(next)) {
        const cycle = [...trail.slice(trail.indexOf(next)), next];
        const key = [...new Set(cycle)].sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          at(byId.get(next)!, { path: ['flow'], message: `recursive sub-flow call: ${cycle.join(' → ')}` });
        }
      } else walk(next, [...trail, next]);
    }
  };
  for (const id of byId.keys()) walk(id, [id]);
  return problems;
}

/** Variables an sms node reads its topic from; call variables are shared by every flow of a call. */
function topicVars(parsed: Parsed[]): Set<string> {
  const vars = new Set<string>();
  for (const p of parsed)
    for (const node of Object.values(p.flow.nodes)) if (node.type === 'sms' && node.topicVar) vars.add(node.topicVar);
  return vars;
}

/** A set node that writes an sms topic variable must write a known topic (the sms node's own check covers only its default). */
function checkTopicWrites(p: Parsed, vars: Set<string>): Finding[] {
  return Object.entries(p.flow.nodes).flatMap(([id, node]) =>
    node.type === 'set' && vars.has(node.var) ? knownSmsTopic(String(node.value), ['nodes', id, 'value'], id) : [],
  );
}
