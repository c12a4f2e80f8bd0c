import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { BusinessCalendar } from '../calendar/calendar';
import type { CataloguePrompt, CompiledFlow } from '../runner/types';
import type { Problem } from '../schema/common';
import { defaultAudioDir, defaultPromptTextsFile } from '../paths';
import { hasAudio, promptCatalogue, readPromptTexts } from '../prompts/catalogue';
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

function catalogueOptions(options: LoadOptions): { prompts: CataloguePrompt[]; promptProblems: Problem[]; audio?: Set<string> } {
  const textsFile = options.promptTextsFile ?? defaultPromptTextsFile;
  const audioDir = options.audioDir ?? defaultAudioDir;
  const prompts = promptCatalogue({ textsFile, audioDir });
  const promptProblems = readPromptTexts(textsFile).problems;
  if (!options.requireAudio) return { prompts, promptProblems };
  return { prompts, promptProblems, audio: new Set(prompts.filter((p) => hasAudio(p.id, audioDir)).map((p) => p.id)) };
}

function compile(sources: SourceFile[], options: LoadOptions): FlowSetResult {
  return compileFlowSet(sources, { ...catalogueOptions(options), entryFlow: options.entryFlow, calendar: options.calendar });
}

/** Loads every `*.yaml` of a folder as one flow set (calendar.yaml included). */
export async function loadFlowSet(dir: string, options: LoadOptions = {}): Promise<FlowSetResult> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isFlowFile).sort();
  } catch (error) {
    return { version: '', flows: {}, entry: null, problems: [{ file: dir, line: 1, message: `cannot read flow folder: ${(error as Error).message}` }] };
  }
  const sources: SourceFile[] = [];
  const problems: Problem[] = [];
  for (const name of names) {
    const file = join(dir, name);
    try {
      sources.push({ file, text: await readFile(file, 'utf8') });
    } catch (error) {
      problems.push({ file, line: 1, message: `cannot read: ${(error as Error).message}` });
    }
  }
  const result = compile(sources, options);
  if (problems.length === 0) return result;
  return { ...result, entry: null, problems: [...problems, ...result.problems] };
}

/** Like loadFlowSet, but a set with problems is an error listing them all. */
export async function loadFlowSetOrThrow(dir: string, options: LoadOptions = {}): Promise<CompiledFlow> {
  const result = await loadFlowSet(dir, options);
  if (!result.entry) throw new Error(`invalid IVR flow set ${dir}:\n${formatProblems(result.problems)}`);
  return result.entry;
}

/** Files (or folders of files) validated together as one set. Never throws. */
export function validateFlowFiles(paths: string[], options: LoadOptions = {}): Problem[] {
  const sources: SourceFile[] = [];
  const problems: Problem[] = [];
  const add = (file: string) => {
    try {
      sources.push({ file, text: readFileSync(file, 'utf8') });
    } catch (error) {
      problems.push({ file, line: 1, message: `cannot read: ${(error as Error).message}` });
    }
  };
  for (const path of paths.map((p) => resolve(p))) {
    try {
      if (statSync(path).isDirectory()) readdirSync(path).filter(isFlowFile).sort().forEach((n) => add(join(path, n)));
      else add(path);
    } catch (error) {
      problems.push({ file: path, line: 1, message: `cannot read: ${(error as Error).message}` });
    }
  }
  return [...problems, ...compile(sources, options).problems];
}

export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
}
