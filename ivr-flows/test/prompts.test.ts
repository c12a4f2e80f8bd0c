import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateDurationMs, promptCatalogue } from '../src/prompts/catalogue';
import { buildPromptAudio } from '../src/prompts/build';
import { wavDurationMs } from '../src/prompts/wav';
import { PLATFORM_PROMPT_IDS, defaultFlowsDir, loadFlowSet, validateFlowFiles } from '../src/index';

const work = mkdtempSync(join(tmpdir(), 'ivr-prompts-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const hasTools = ['espeak-ng', 'sox'].every((t) => spawnSync(t, ['--version'], { stdio: 'ignore' }).status === 0);

describe('prompt catalogue', () => {
  it('every prompt has Korean text, a cc1357 media URI and a duration', () => {
    const all = promptCatalogue({ audioDir: join(work, 'none') });
    expect(all.length).toBeGreaterThan(20);
    for (const p of all) {
      expect(p.text).toMatch(/\p{Script=Hangul}/u);
      expect(p.media).toBe(`sound:cc1357/ko/${p.id}`);
      expect(p.durationMs).toBe(estimateDurationMs(p.text));
    }
    expect(all.find((p) => p.id === 'notice')?.text).toMatch(/녹음/);
  });

  it('every prompt the shipped flows use is in the catalogue and vice versa (platform prompts aside)', async () => {
    const set = await loadFlowSet(defaultFlowsDir);
    const used = new Set(
      JSON.stringify(set.flows)
        .match(/"[a-z][a-z0-9-]*"/g)
        ?.map((s) => s.slice(1, -1)),
    );
    const platform = new Set<string>(PLATFORM_PROMPT_IDS);
    const unused = promptCatalogue()
      .filter((p) => !used.has(p.id) && !platform.has(p.id))
      .map((p) => p.id);
    expect(unused).toEqual([]);
    const catalogued = new Set(promptCatalogue().map((p) => p.id));
    expect(PLATFORM_PROMPT_IDS.filter((id) => !catalogued.has(id))).toEqual([]);
  });

  it('estimates grow with the text', () => {
    expect(estimateDurationMs('네')).toBeLessThan(estimateDurationMs('상담원에게 연결해 드리겠습니다.'));
    expect(estimateDurationMs('')).toBe(300);
  });

  it('--require-audio makes a prompt without WAV a problem', () => {
    const problems = validateFlowFiles([defaultFlowsDir], { requireAudio: true, audioDir: join(work, 'none') });
    expect(problems[0]?.message).toMatch(
      /^prompt '[a-z-]+' has no audio \(run: npm run prompts -w @cc1357\/ivr-flows\)$/,
    );
  });
});

describe('audio build', () => {
  it.skipIf(!hasTools)(
    'renders 8 kHz mono 16-bit WAVs, then only what changed; the catalogue uses the real length',
    () => {
      const texts = join(work, 'ko.yaml');
      const audio = join(work, 'audio');
      writeFileSync(texts, 'hello: 안녕하세요.\nbye: 안녕히 계십시오.\n');
      const first = buildPromptAudio({ textsFile: texts, audioDir: audio });
      expect(first.status).toBe('built');
      expect(first.generated.sort()).toEqual(['bye', 'hello']);
      const wav = readFileSync(join(audio, 'hello.wav'));
      expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
      expect(wav.readUInt16LE(22)).toBe(1); // channels
      expect(wav.readUInt32LE(24)).toBe(8000); // sample rate
      expect(wav.readUInt16LE(34)).toBe(16); // bits per sample

      writeFileSync(texts, 'hello: 안녕하세요, 반갑습니다.\n');
      const second = buildPromptAudio({ textsFile: texts, audioDir: audio });
      expect(second).toMatchObject({ generated: ['hello'], unchanged: [], removed: ['bye'] });

      const real = wavDurationMs(join(audio, 'hello.wav'));
      expect(real).toBeGreaterThan(500);
      expect(promptCatalogue({ textsFile: texts, audioDir: audio })).toEqual([
        { id: 'hello', text: '안녕하세요, 반갑습니다.', media: 'sound:cc1357/ko/hello', durationMs: real },
      ]);
    },
  );

  it('skips with a clear message when espeak-ng is missing', () => {
    const path = process.env.PATH;
    process.env.PATH = join(work, 'empty-bin');
    try {
      const lines: string[] = [];
      const result = buildPromptAudio({
        textsFile: join(work, 'x.yaml'),
        audioDir: join(work, 'x'),
        log: (l) => lines.push(l),
      });
      expect(result.status).toBe('skipped');
      expect(lines[0]).toMatch(
        /^skipping prompt audio: espeak-ng and sox not found \(Debian: apt-get install espeak-ng sox\)/,
      );
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('wav header reader', () => {
  it('returns null for anything that is not a WAV', () => {
    const f = join(work, 'junk.wav');
    writeFileSync(f, 'not a wav at all');
    expect(wavDurationMs(f)).toBeNull();
    expect(wavDurationMs(join(work, 'missing.wav'))).toBeNull();
  });
});
