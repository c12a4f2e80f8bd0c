import { buildPromptAudio } from '../../../../ivr-flows/src/prompts/build';
import { tierMissing } from './tier';

/**
 * Says once why the tier skips, or renders the Korean prompts once, before the tier's files start side by side (each then finds
 * them unchanged instead of five processes rendering the same WAVs at once on a fresh clone).
 */
export default function setup(): void {
  const missing = tierMissing();
  if (missing) {
    console.info(missing);
    return;
  }
  const built = buildPromptAudio();
  if (built.status !== 'built') throw new Error(`prompt audio for the real tier: ${built.message}`);
}
