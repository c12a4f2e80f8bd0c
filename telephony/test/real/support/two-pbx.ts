import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type AsteriskInstance,
  asteriskPrefix,
  createAsteriskInstance,
  type SippPhone,
  startPhone,
} from '@cc1357/asterisk-config/testbed';
import { defaultAudioDir } from '@cc1357/ivr-flows';
import { PHONE_HOST, promptClock, SLACK_MS, type Tier, TRUNK_HOST } from './tier';

/**
 * Two Asterisk 22 instances from the tier's build, side by side on loopback, for two telephony
 * nodes sharing one Redis: the carrier delivers 1357 to both, and every agent's desk phone is one
 * SIPp endpoint registered with both.
 *
 * Why the phone registers twice rather than a trunk between the two PBXs: a node originates
 * `PJSIP/<agent>` on its own Asterisk (telephony/src/app/phone-busy.ts), and a phone registered
 * with both makes that dial string reach the desk from either one with the repo's configuration
 * as it is (only the password is shared, AGENT_SIP_PASSWORD): the phone alone knows two
 * registrars, as a desk phone with two accounts does in centres that run two PBXs for
 * redundancy. A trunk would need each node to know which PBX an agent's phone is on and dial
 * across, which telephony does not do. It also keeps the test honest: the phone is one SIP port,
 * so a second call reaching it while it is on one shows in its own log whichever PBX sent it
 * (asterisk-config/testbed/sipp/phone-two-pbx.xml).
 */
export interface PbxPair {
  a: AsteriskInstance;
  b: AsteriskInstance;
  /** One phone per extension, registered with both instances. */
  phones: Map<string, SippPhone>;
  logDir: string;
  promptMs: Tier['promptMs'];
  through: Tier['through'];
  /** One instance as `sippPbx` takes it (its callers, the shared phones). */
  side(which: 'a' | 'b'): Pick<Tier, 'asterisk' | 'phones' | 'logDir'>;
  close(): Promise<void>;
}

export async function startPbxPair(extensions: readonly string[]): Promise<PbxPair> {
  const prefix = asteriskPrefix();
  if (!prefix) throw new Error('TEST_ASTERISK_PREFIX is not set');
  const { promptMs, through } = promptClock();
  const logDir = mkdtempSync(path.join(tmpdir(), 'cc1357-sipp-pair-'));
  // One account per agent on both PBXs: the same extension and password.
  const env = {
    TRUNK_HOST,
    AGENT_EXTENSIONS: extensions.join(' '),
    AGENT_SIP_PASSWORD: randomBytes(12).toString('hex'),
  };
  const extraSounds = { cc1357: path.dirname(defaultAudioDir) };
  const instances: AsteriskInstance[] = [];
  const phones = new Map<string, SippPhone>();
  const close = async () => {
    for (const p of phones.values()) await p.close();
    for (const instance of instances) await instance.dispose();
    rmSync(logDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < 2; i++) instances.push(await createAsteriskInstance({ prefix, env, extraSounds }));
    await Promise.all(instances.map((instance) => instance.start()));
    const [a, b] = instances as [AsteriskInstance, AsteriskInstance];
    for (const ext of extensions) {
      const phone = await startPhone({
        target: a.sip,
        also: b.sip,
        ext,
        password: a.agentPassword,
        host: PHONE_HOST,
        logDir,
      });
      phones.set(ext, phone);
    }
    await Promise.all([...phones.values()].map((p) => p.registered(SLACK_MS)));
    return {
      a,
      b,
      phones,
      logDir,
      promptMs,
      through,
      side: (which) => ({ asterisk: which === 'a' ? a : b, phones, logDir }),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
