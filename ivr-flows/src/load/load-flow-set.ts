import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { BusinessCalendar } from '../calendar/calendar';
import type { CataloguePrompt, CompiledFlow } from '../runner/types';
import type { Problem } from '../schema/common';
import { defaultAudioDir, defaultPromptTextsFile, repoRoot } from '../paths';
import { catalogueEntries, readPromptTexts } from '../prompts/catalogue';
import { compileFlowSet, type FlowSetResult, type SourceFile } from '../validate/flow-set';

export interface LoadOptions {
  entryFlow?: string;
  /** Calendar overrides on top of the set's calendar.yaml, e.g. `{ alwaysOpen: true }`. */
  calendar?: Partial<BusinessCalendar>;
  /** Prompt texts file and audio folder (default: the shipped ones). */
  promptTextsFile?: string;
  audioDir?: string;
  /** Make a prompt without a generated WAV a problem (deployment check). */
  requireAudio?: boolean;
}

const isFlowFile = (name: string) => ['.yaml', '.yml'].includes(extname(name));

function catalogueOptions(options: LoadOptions): {
  prompts: CataloguePrompt[];
  promptProblems: Problem[];
  audio?: Set<string>;
} {
  // Read once per load: every hot reload comes through here.
  const { texts, problems: promptProblems } = readPromptTexts(options.promptTextsFile ?? defaultPromptTextsFile);
  const entries = catalogueEntries(texts, options.audioDir ?? defaultAudioDir);
  const prompts = entries.map((e) => e.prompt);
  if (!options.requireAudio) return { prompts, promptProblems };
  return { prompts, promptProblems, audio: new Set(entries.filter((e) => e.audio).map((e) => e.prompt.id)) };
}

function compile(sources: SourceFile[], options: LoadOptions): FlowSetResult {
  return compileFlowSet(sources, {
    ...catalogueOptions(options),
    entryFlow: options.entryFlow,
    calendar: options.calendar,
  });
}

interface ReadSources {
  sources: SourceFile[];
  problems: Problem[];
}

const cannotRead = (file: string, what: string, error: unknown): Problem => ({
  file,
  line: 1,
  message: `${what}: ${(error as Error).message}`,
});

/** The flow files of a folder, sorted (throws when the folder cannot be listed). */
function flowFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter(isFlowFile)
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Reads flow files; one that cannot be read is a problem, not a throw. Synchronous like the
 * prompt catalogue read beside it: a set is a handful of small files.
 */
function readSources(files: string[], into: ReadSources = { sources: [], problems: [] }): ReadSources {
  for (const file of files) {
    try {
      into.sources.push({ file, text: readFileSync(file, 'utf8') });
    } catch (error) {
      into.problems.push(cannotRead(file, 'cannot read', error));
    }
  }
  return into;
}

function withReadProblems(result: FlowSetResult, problems: Problem[]): FlowSetResult {
  const all = problems.length === 0 ? result : { ...result, entry: null, problems: [...problems, ...result.problems] };
  return { ...all, problems: all.problems.map((p) => ({ ...p, file: shownPath(p.file) })) };
}

/**
 * How a problem names its file: relative to the repository (`ivr-flows/flows/main.yaml`), the
 * way an editor opens it and without the server's directory layout; a file outside the
 * repository by its folder and name.
 */
export function shownPath(file: string, root: string = repoRoot): string {
  const inside = relative(root, file);
  if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) return inside.split(sep).join('/');
  return `${basename(dirname(file))}/${basename(file)}`;
}

/** Loads every `*.yaml` of a folder as one flow set (calendar.yaml included). */
export async function loadFlowSet(dir: string, options: LoadOptions = {}): Promise<FlowSetResult> {
  let files: string[];
  try {
    files = flowFilesIn(dir);
  } catch (error) {
    return withReadProblems({ version: '', flows: {}, entry: null, problems: [] }, [
      cannotRead(dir, 'cannot read flow folder', error),
    ]);
  }
  const { sources, problems } = readSources(files);
  return withReadProblems(compile(sources, options), problems);
}

/** Like loadFlowSet, but a set with problems is an error listing them all. */
export async function loadFlowSetOrThrow(dir: string, options: LoadOptions = {}): Promise<CompiledFlow> {
  const result = await loadFlowSet(dir, options);
  if (!result.entry) throw new Error(`invalid IVR flow set ${dir}:\n${formatProblems(result.problems)}`);
  return result.entry;
}

/** Files (or folders of files) validated together as one set. Never throws. */
export function validateFlowFiles(paths: string[], options: LoadOptions = {}): Problem[] {
  const read: ReadSources = { sources: [], problems: [] };
  for (const path of paths.map((p) => resolve(p))) {
    try {
      readSources(statSync(path).isDirectory() ? flowFilesIn(path) : [path], read);
    } catch (error) {
      read.problems.push(cannotRead(path, 'cannot read', error));
    }
  }
  return withReadProblems(compile(read.sources, options), read.problems).problems;
}

export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
}
