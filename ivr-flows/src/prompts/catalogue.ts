import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CataloguePrompt } from '../runner/types';
import { ID_PATTERN, type Problem } from '../schema/common';
import { YamlSource } from '../validate/yaml-source';
import { defaultAudioDir, defaultPromptTextsFile } from '../paths';
import { promptMedia } from './media';
import { wavDurationMs } from './wav';

export interface PromptTexts {
  texts: Record<string, string>;
  problems: Problem[];
}

/** Reads `id: text` prompt texts; problems for bad ids or empty texts, never a throw. */
export function readPromptTexts(file: string = defaultPromptTextsFile): PromptTexts {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return {
      texts: {},
      problems: [{ file, line: 1, message: `cannot read prompt texts: ${(error as Error).message}` }],
    };
  }
  const source = new YamlSource(file, text);
  const problems = [...source.problems];
  const texts: Record<string, string> = {};
  const data = source.data;
  if (problems.length === 0 && (typeof data !== 'object' || data === null || Array.isArray(data))) {
    problems.push({ file, line: 1, message: 'prompt texts must be a mapping of prompt id to Korean text' });
  } else if (data && typeof data === 'object') {
    for (const [id, value] of Object.entries(data)) {
      if (!ID_PATTERN.test(id)) problems.push(source.finding({ path: [id], message: `bad prompt id '${id}'` }));
      else if (typeof value !== 'string' || value.trim() === '')
        problems.push(source.finding({ path: [id], message: `prompt '${id}' has no text` }));
      else texts[id] = value.trim();
    }
  }
  return { texts, problems };
}

/**
 * How long espeak-ng (voice ko, speed 170) takes to say a text, used when no audio was
 * generated so pbx-sim can still time playbacks. Fitted on the shipped prompts (within ~10%):
 * a Hangul syllable ≈ 186 ms, a digit ≈ 445 ms (read as a number word), a pause ≈ 342 ms.
 */
export function estimateDurationMs(text: string): number {
  const chars = [...text];
  const syllables = chars.filter((c) => /[\p{Script=Hangul}A-Za-z]/u.test(c)).length;
  const digits = chars.filter((c) => /[0-9]/.test(c)).length;
  const pauses = chars.filter((c) => /[.,!?·]/.test(c)).length;
  return Math.max(300, Math.round(syllables * 186 + digits * 445 + pauses * 342));
}

export { promptMedia };

export interface CatalogueOptions {
  textsFile?: string;
  audioDir?: string;
}

/** A catalogue prompt and whether its WAV was generated (one look at the disk serves both). */
export interface CatalogueEntry {
  prompt: CataloguePrompt;
  audio: boolean;
}

/** Catalogue entries for texts already read (real WAV length when generated, else an estimate). */
export function catalogueEntries(texts: Record<string, string>, audioDir: string = defaultAudioDir): CatalogueEntry[] {
  return Object.entries(texts).map(([id, text]) => {
    const wav = join(audioDir, `${id}.wav`);
    const audio = existsSync(wav);
    const real = audio ? wavDurationMs(wav) : null;
    return { prompt: { id, text, media: promptMedia(id), durationMs: real ?? estimateDurationMs(text) }, audio };
  });
}

/** Every prompt with its text, media URI and duration (real WAV length when generated). */
export function promptCatalogue(options: CatalogueOptions = {}): CataloguePrompt[] {
  const { texts } = readPromptTexts(options.textsFile ?? defaultPromptTextsFile);
  return catalogueEntries(texts, options.audioDir).map((e) => e.prompt);
}
