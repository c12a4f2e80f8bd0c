import { afterEach, beforeEach, describe, it } from 'vitest';
import { type Center, startCenter } from '../support/center';
import { realAsteriskEnv, realAsteriskPbx } from '../support/real-asterisk';
import { answeredByAutoAnswerPhone, callerAbandonsInQueue, callerHangsUpInIvr } from '../support/scenarios';

const env = realAsteriskEnv();
if (!env) console.info('real-Asterisk tier skipped: set TEST_ASTERISK_ARI_URL (and _USERNAME, _PASSWORD, optionally _INBOUND, _AUTO_ANSWER_AGENTS) to run it');

describe.skipIf(!env)('the same scenarios against a real Asterisk', () => {
  let center: Center;
  beforeEach(async () => {
    center = await startCenter({ pbx: () => realAsteriskPbx(env!) });
    await center.startTelephony();
  });
  afterEach(async () => center?.close());

  it('caller hangs up in the IVR', () => callerHangsUpInIvr(center));
  it('caller abandons in the queue', () => callerAbandonsInQueue(center));
  it.skipIf(!env?.autoAnswerAgents.length)('answered by an auto-answer agent phone, recording stored', () => answeredByAutoAnswerPhone(center, env!.autoAnswerAgents[0]!));
});

// The real-tier driver itself is exercised on every run: pbx-sim with the production dialplan's
// `1357@from-trunk` → Stasis(callcenter,inbound) stands in for the Asterisk.
describe('real-Asterisk driver (Local-channel callers) over pbx-sim', () => {
  let center: Center;
  beforeEach(async () => {
    const { startPbxSim } = await import('@cc1357/pbx-sim');
    const { testLog } = await import('../support/log');
    const { TIME_SCALE } = await import('../support/center');
    let closeSim: () => Promise<void> = async () => {};
    center = await startCenter({
      pbx: async () => {
        const sim = await startPbxSim({ timeScale: TIME_SCALE, logger: testLog, dialplan: { local: { '1357@from-trunk': { kind: 'stasis', app: 'callcenter', args: ['inbound'] } } } });
        closeSim = () => sim.close();
        const driver = await realAsteriskPbx({ url: sim.url, username: sim.username, password: sim.password, inbound: 'Local/1357@from-trunk', autoAnswerAgents: [] });
        return { ...driver, close: async () => (await driver.close(), await closeSim()) };
      },
    });
    await center.startTelephony();
  });
  afterEach(async () => center?.close());

  it('caller hangs up in the IVR', () => callerHangsUpInIvr(center));
  it('caller abandons in the queue', () => callerAbandonsInQueue(center));
});
