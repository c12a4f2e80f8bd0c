import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** The repository checkout (or image) the package sits in: problem reports name files relative to it. */
export const repoRoot = resolve(root, '..');

/** The shipped 1357 flow set. */
export const defaultFlowsDir = resolve(root, 'flows');
/** Prompt texts (`id: Korean text`). */
export const defaultPromptTextsFile = resolve(root, 'prompts', 'ko.yaml');
/** Generated audio; Asterisk sees it as `sound:cc1357/ko/<id>` when `prompts/audio` is mounted as `sounds/cc1357`. */
export const defaultAudioDir = resolve(root, 'prompts', 'audio', 'ko');
