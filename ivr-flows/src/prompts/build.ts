#!/usr/bin/env tsx
/**
 * Renders every prompt text to `prompts/audio/ko/<id>.wav` (8 kHz, mono, 16-bit PCM: what
 * Asterisk plays without transcoding) with Debian's espeak-ng (voice `ko`) and sox.
 * Only prompts whose text changed are rendered again (a manifest keeps the text hashes).
 *   npm run prompts -w @cc1357/ivr-flows   [--force]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultAudioDir, defaultPromptTextsFile } from '../paths';
import { readPromptTexts } from './catalogue';

export const VOICE = { voice: 'ko', speed: 170 } as const;

export interface BuildOptions {
  textsFile?: string;
  audioDir?: string;
  force?: boolean;
  log?: (line: string) => void;
}

export interface BuildResult {
  status: 'built' | 'skipped' | 'failed';
  generated: string[];
  unchanged: string[];
  removed: string[];
  message: string;
}

function has(tool: string): boolean {
  const r = spawnSync(tool, ['--version'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

const hashOf = (text: string) =>
  createHash('sha256')
    .update(JSON.stringify([VOICE, text]))
    .digest('hex')
    .slice(0, 16);

export function buildPromptAudio(options: BuildOptions = {}): BuildResult {
  const log = options.log ?? (() => {});
  const textsFile = options.textsFile ?? defaultPromptTextsFile;
  const audioDir = options.audioDir ?? defaultAudioDir;
  const empty = { generated: [], unchanged: [], removed: [] };
  const missing = ['espeak-ng', 'sox'].filter((t) => !has(t));
  if (missing.length) {
    const message = `skipping prompt audio: ${missing.join(' and ')} not found (Debian: apt-get install espeak-ng sox); durations fall back to estimates`;
    log(message);
    return { status: 'skipped', ...empty, message };
  }
  const { texts, problems } = readPromptTexts(textsFile);
  if (problems.length) {
    const message = problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
    log(message);
    return { status: 'failed', ...empty, message };
  }

  mkdirSync(audioDir, { recursive: true });
  const manifestFile = join(audioDir, '.manifest.json');
  let manifest: Record<string, string>;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, string>;
  } catch {
    manifest = {};
  }
  const work = mkdtempSync(join(tmpdir(), 'cc1357-prompts-'));
  const result: BuildResult = { status: 'built', generated: [], unchanged: [], removed: [], message: '' };
  try {
    for (const [id, text] of Object.entries(texts)) {
      const out = join(audioDir, `${id}.wav`);
      const hash = hashOf(text);
      if (!options.force && manifest[id] === hash && existsSync(out)) {
        result.unchanged.push(id);
        continue;
      }
      const raw = join(work, `${id}.raw.wav`);
      const tmp = join(work, `${id}.wav`);
      // Arguments go straight to the tools (no shell), so prompt texts cannot inject commands.
      const speak = spawnSync('espeak-ng', ['-v', VOICE.voice, '-s', String(VOICE.speed), '-w', raw, '--', text], {
        encoding: 'utf8',
      });
      if (speak.status !== 0) throw new Error(`espeak-ng failed for '${id}': ${speak.stderr || speak.error?.message}`);
      const convert = spawnSync(
        'sox',
        [raw, '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', tmp, 'norm', '-3'],
        { encoding: 'utf8' },
      );
      if (convert.status !== 0) throw new Error(`sox failed for '${id}': ${convert.stderr || convert.error?.message}`);
      renameSync(tmp, out);
      manifest[id] = hash;
      result.generated.push(id);
      log(`  ${id}.wav`);
    }
    for (const name of readdirSync(audioDir)) {
      const id = name.replace(/\.wav$/, '');
      if (name.endsWith('.wav') && !Object.hasOwn(texts, id)) {
        rmSync(join(audioDir, name));
        delete manifest[id];
        result.removed.push(id);
      }
    }
    writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (error) {
    result.status = 'failed';
    result.message = error instanceof Error ? error.message : String(error);
    log(result.message);
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  result.message = `prompt audio in ${audioDir}: ${result.generated.length} generated, ${result.unchanged.length} unchanged, ${result.removed.length} removed`;
  log(result.message);
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = buildPromptAudio({ force: process.argv.includes('--force'), log: (l) => console.log(l) });
  process.exit(result.status === 'failed' ? 1 : 0);
}
