import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type AsteriskInstance,
  asteriskPrefix,
  createAsteriskInstance,
  reserveUdpPort,
  type SippPartner,
  type SippPhone,
  sippMissing,
  startPartner,
  startPhone,
} from '@cc1357/asterisk-config/testbed';
import { defaultAudioDir, promptCatalogue } from '@cc1357/ivr-flows';
import { buildPromptAudio } from '../../../../ivr-flows/src/prompts/build';

/**
 * The real-time tier's world: one Asterisk 22 built from ../shared/vendor (TEST_ASTERISK_PREFIX,
 * see asterisk-config/testbed/build.sh) with the repo's configuration, SIPp desk phones registered
 * as agents, and the Korean prompts rendered to WAV. Nothing runs faster than real time, so every
 * wait is derived from how long the prompts on the way take (their WAV headers).
 */

/** Addresses on loopback: the carrier's calls come from TRUNK_HOST, a partner center answers on PARTNER_HOST. */
export const TRUNK_HOST = '127.0.0.2';
export const PARTNER_HOST = '127.0.0.3';
export const PHONE_HOST = '127.0.0.1';
/** Phones registered by default; 1009 is configured but never registers. */
export const REGISTERED_PHONES = ['1001', '1002', '1003'];
export const AGENT_EXTENSIONS = [...REGISTERED_PHONES, '1009'];
/**
 * What a loaded 2-core CI machine may add to a wait on top of the audio it is waiting for
 * (process start-up, SIP round trips, crm-api's outbox). Not a speed budget: tests still wait
 * for events, this only bounds how long before a missing event counts as a failure. 20 s: the
 * outbox lock a killed telephony held lives 10 s, and a send that timed out backs off before its
 * retry; 8 s let events that did arrive count as missing on a busy machine.
 */
export const SLACK_MS = 20_000;

/** Why the tier cannot run here (one line), or null. */
export function tierMissing(): string | null {
  if (!asteriskPrefix())
    return 'real-time Asterisk tier skipped: set TEST_ASTERISK_PREFIX to a build from asterisk-config/testbed/build.sh (.ci/run does)';
  return sippMissing();
}

export interface Tier {
  asterisk: AsteriskInstance;
  phones: Map<string, SippPhone>;
  /** Where the partner trunk points (PARTNER_TRUNK_HOST); start a partner there with `partner()`. */
  partnerPort: number;
  logDir: string;
  /** Length of a prompt's audio in ms (from its WAV). */
  promptMs(id: string): number;
  /** A bound for waiting through these prompts: their audio plus SLACK_MS. */
  through(...promptIds: string[]): number;
  partner(refuse?: boolean): Promise<SippPartner>;
  close(): Promise<void>;
}

/** The prompts rendered to WAV, and waits derived from their lengths (`Tier.promptMs`, `Tier.through`). */
export function promptClock(): Pick<Tier, 'promptMs' | 'through'> {
  const built = buildPromptAudio();
  if (built.status !== 'built') throw new Error(`prompt audio: ${built.message}`);
  const durations = new Map(promptCatalogue().map((p) => [p.id, p.durationMs]));
  const promptMs = (id: string) => {
    const ms = durations.get(id);
    if (ms === undefined) throw new Error(`no prompt '${id}'`);
    return ms;
  };
  return { promptMs, through: (...ids) => ids.reduce((sum, id) => sum + promptMs(id), SLACK_MS) };
}

export async function startTier(): Promise<Tier> {
  const prefix = asteriskPrefix();
  if (!prefix) throw new Error('TEST_ASTERISK_PREFIX is not set');
  const { promptMs, through } = promptClock();

  const logDir = mkdtempSync(path.join(tmpdir(), 'cc1357-sipp-'));
  // Held until the partner starts: a port only found free could become another tier's RTP port.
  const partnerHold = await reserveUdpPort(PARTNER_HOST);
  const partnerPort = partnerHold.port;
  const asterisk = await createAsteriskInstance({
    prefix,
    env: {
      TRUNK_HOST,
      PARTNER_TRUNK_HOST: `${PARTNER_HOST}:${partnerPort}`,
      AGENT_EXTENSIONS: AGENT_EXTENSIONS.join(' '),
    },
    extraSounds: { cc1357: path.dirname(defaultAudioDir) },
  });
  await asterisk.start();
  const phones = new Map<string, SippPhone>();
  const partners: SippPartner[] = [];
  try {
    for (const ext of REGISTERED_PHONES) {
      const phone = await startPhone({
        target: asterisk.sip,
        ext,
        password: asterisk.agentPassword,
        host: PHONE_HOST,
        logDir,
      });
      phones.set(ext, phone);
    }
    await Promise.all([...phones.values()].map((p) => p.registered(SLACK_MS)));
  } catch (err) {
    for (const p of phones.values()) await p.close();
    await asterisk.dispose();
    await partnerHold.release();
    throw err;
  }

  return {
    asterisk,
    phones,
    partnerPort,
    logDir,
    promptMs,
    through,
    async partner(refuse = false) {
      for (const p of partners.splice(0)) await p.close();
      await partnerHold.release();
      const partner = await startPartner({ host: PARTNER_HOST, port: partnerPort, logDir, refuse });
      partners.push(partner);
      return partner;
    },
    async close() {
      await partnerHold.release();
      for (const p of partners) await p.close();
      for (const p of phones.values()) await p.close();
      await asterisk.dispose();
      rmSync(logDir, { recursive: true, force: true });
    },
  };
}
