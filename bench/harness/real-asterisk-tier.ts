import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  asteriskPrefix,
  createAsteriskInstance,
  type SippPhone,
  sippMissing,
  startPhone,
} from '@cc1357/asterisk-config/testbed';
import { defaultAudioDir, promptCatalogue } from '@cc1357/ivr-flows';
import { buildPromptAudio } from '../../ivr-flows/src/prompts/build';
import { PHONE_HOST, SLACK_MS, type Tier, TRUNK_HOST } from '../../telephony/test/real/support/tier';

/**
 * The real-time tier of telephony/test/real (one Asterisk 22 from TEST_ASTERISK_PREFIX with the
 * repo's configuration, SIPp desk phones registered as agents, the Korean prompts as WAV), with
 * as many agent phones as a load step needs instead of the tier's three. Same addresses: the
 * carrier's calls come from TRUNK_HOST, phones register from PHONE_HOST. No partner trunk.
 */

/** Why the real tier cannot run here (one line), or null. */
export function realTierMissing(env: Record<string, string | undefined>): string | null {
  let prefix: string | null;
  try {
    prefix = asteriskPrefix(env);
  } catch (err) {
    return (err as Error).message;
  }
  if (!prefix) return 'no TEST_ASTERISK_PREFIX (a build from asterisk-config/testbed/build.sh)';
  return sippMissing();
}

export async function startLoadTier(env: Record<string, string | undefined>, agents: string[]): Promise<Tier> {
  const prefix = asteriskPrefix(env);
  if (!prefix) throw new Error('TEST_ASTERISK_PREFIX is not set');
  const built = buildPromptAudio();
  if (built.status !== 'built') throw new Error(`prompt audio: ${built.message}`);
  const durations = new Map(promptCatalogue().map((p) => [p.id, p.durationMs]));
  const promptMs = (id: string) => {
    const ms = durations.get(id);
    if (ms === undefined) throw new Error(`no prompt '${id}'`);
    return ms;
  };
  const logDir = mkdtempSync(path.join(tmpdir(), 'cc1357-bench-sipp-'));
  const asterisk = await createAsteriskInstance({
    prefix,
    env: { TRUNK_HOST, AGENT_EXTENSIONS: agents.join(' ') },
    extraSounds: { cc1357: path.dirname(defaultAudioDir) },
  });
  const phones = new Map<string, SippPhone>();
  const close = async () => {
    for (const p of phones.values()) await p.close();
    await asterisk.dispose();
    // CC1357_KEEP_TESTBED=1 keeps SIPp's logs too, beside the Asterisk run directory it keeps.
    if (env.CC1357_KEEP_TESTBED === '1') console.log(`SIPp logs kept: ${logDir}`);
    else rmSync(logDir, { recursive: true, force: true });
  };
  try {
    await asterisk.start();
    // With SIPp's message traces (sipp.ts), Asterisk's side of the same messages in messages.log.
    if (env.CC1357_SIPP_TRACE === '1') await asterisk.cli('pjsip set logger on');
    for (const ext of agents) {
      phones.set(
        ext,
        await startPhone({ target: asterisk.sip, ext, password: asterisk.agentPassword, host: PHONE_HOST, logDir }),
      );
    }
    await Promise.all([...phones.values()].map((p) => p.registered(SLACK_MS)));
  } catch (err) {
    await close();
    throw err;
  }
  return {
    asterisk,
    phones,
    partnerPort: 0,
    logDir,
    promptMs,
    through: (...ids) => ids.reduce((sum, id) => sum + promptMs(id), SLACK_MS),
    partner: () => Promise.reject(new Error('the load tier has no partner trunk')),
    close,
  };
}
